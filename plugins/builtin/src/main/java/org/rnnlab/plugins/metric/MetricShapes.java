package org.rnnlab.plugins.metric;

import java.util.Arrays;
import org.rnnlab.api.tensor.Tensor;

/** Argument checks shared by the built-in metrics; messages name the tensor and both shapes. */
final class MetricShapes {
  private MetricShapes() {}

  /**
   * Checks {@code prediction [N, D]}, {@code target} of shape {@code targetShape(N, D)} and
   * {@code mask [N]} or null.
   *
   * @param classIndexTarget true for {@code target [N]}, false for {@code target [N, D]}
   */
  static void check(Tensor prediction, Tensor target, Tensor mask, boolean classIndexTarget) {
    if (prediction == null || prediction.rank() != 2) {
      throw new IllegalArgumentException("prediction: expected shape [N, D] but got "
          + (prediction == null ? "null" : Arrays.toString(prediction.shape())));
    }
    int n = prediction.dim(0);
    if (classIndexTarget) {
      Tensor.requireShape("target", target, n);
    } else {
      Tensor.requireShape("target", target, prediction.shape());
    }
    if (mask != null) {
      Tensor.requireShape("mask", mask, n);
    }
  }

  /** @return the weight of row {@code r}: 1 without a mask */
  static double weight(Tensor mask, int r) {
    return mask == null ? 1 : mask.get(r);
  }
}
