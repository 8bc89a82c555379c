package org.rnnlab.plugins.core.layer;

import java.util.Arrays;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/** Argument checks of {@link RecurrentStack}: messages name the tensor, expected and actual. */
final class StackInputs {
  private StackInputs() {}

  /**
   * Throws naming the first NaN or infinity of {@code t}. The scan is one vectorised
   * {@link KernelOps#maxAbs} (NaN and infinity both make it non-finite); only a failing tensor
   * is scanned again element by element, for the message.
   */
  static void requireFinite(KernelOps ops, String name, Tensor t) {
    if (!Double.isFinite(ops.maxAbs(t))) {
      Tensor.requireFinite(name, t);
      throw new IllegalArgumentException(name + ": non-finite values (shape " + Arrays.toString(t.shape()) + ")");
    }
  }

  static void checkInput(KernelOps ops, RecurrentSpec spec, DType dtype, Tensor x) {
    if (x == null || x.rank() != 3 || x.dim(0) < 1 || x.dim(1) < 1 || x.dim(2) != spec.inputSize()) {
      throw new IllegalArgumentException(
          "x: expected shape [B, T, " + spec.inputSize() + "] with B, T >= 1 but got "
              + (x == null ? "null" : Arrays.toString(x.shape())));
    }
    if (x.dtype() != dtype) {
      throw new IllegalArgumentException("x: expected dtype " + dtype + " but got " + x.dtype());
    }
    requireFinite(ops, "x", x);
  }

  static void checkLengths(int[] lengths, int batch, int steps) {
    if (lengths == null) {
      return;
    }
    if (lengths.length != batch) {
      throw new IllegalArgumentException(
          "lengths: expected " + batch + " entries (one per batch row) but got " + lengths.length);
    }
    for (int b = 0; b < batch; b++) {
      if (lengths[b] < 1 || lengths[b] > steps) {
        throw new IllegalArgumentException(
            "lengths[" + b + "] = " + lengths[b] + " is outside [1, T=" + steps + "]");
      }
    }
  }

  static void checkStates(String name, Tensor[] states, int count, int rows, int batch, int hidden) {
    if (states == null) {
      return;
    }
    if (states.length != count) {
      throw new IllegalArgumentException(
          name + ": expected " + count + " state tensors but got " + states.length);
    }
    for (int k = 0; k < count; k++) {
      Tensor.requireShape(name + "[" + k + "]", states[k], rows, batch, hidden);
      Tensor.requireFinite(name + "[" + k + "]", states[k]);
    }
  }
}
