package org.rnnlab.plugins.loss;

import java.util.Arrays;
import org.rnnlab.api.tensor.Tensor;

/** Argument checks shared by the built-in losses; messages name the tensor and both shapes. */
final class LossShapes {
  private LossShapes() {}

  /**
   * Checks {@code prediction [N, D]}, {@code grad [N, D]} of the same dtype and {@code mask [N]}.
   *
   * @return {@code N}
   */
  static int checkPredictionGradMask(Tensor prediction, Tensor grad, Tensor mask) {
    if (prediction == null) {
      throw new IllegalArgumentException("prediction: missing, expected shape [N, D]");
    }
    if (prediction.rank() != 2) {
      throw new IllegalArgumentException(
          "prediction: expected shape [N, D] but got " + Arrays.toString(prediction.shape()));
    }
    int n = prediction.dim(0);
    Tensor.requireShape("grad", grad, prediction.shape());
    if (grad.dtype() != prediction.dtype()) {
      throw new IllegalArgumentException(
          "grad: expected dtype " + prediction.dtype() + " (as prediction) but got " + grad.dtype());
    }
    if (mask != null) {
      Tensor.requireShape("mask", mask, n);
    }
    return n;
  }

  /** @return the weight of row {@code r}: 1 without a mask */
  static double weight(Tensor mask, int r) {
    return mask == null ? 1 : mask.get(r);
  }

  /** @return the sum of the row weights ({@code n} without a mask) */
  static double totalWeight(Tensor mask, int n) {
    if (mask == null) {
      return n;
    }
    double s = 0;
    for (int r = 0; r < n; r++) {
      s += mask.get(r);
    }
    return s;
  }
}
