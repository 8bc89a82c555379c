package org.rnnlab.experiments.train;

import java.util.List;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/** Global gradient norm and the first parameter whose gradient or value is not finite. */
final class GradientCheck {
  private GradientCheck() {}

  /** @return the L2 norm over every gradient (NaN or infinite when any element is) */
  static double globalNorm(KernelOps ops, List<Parameter> params) {
    double sum = 0;
    for (Parameter p : params) {
      sum += ops.sumOfSquares(p.grad());
    }
    return Math.sqrt(sum);
  }

  /**
   * A non-finite value found in a training step.
   *
   * @param tensor {@code loss} or {@code grad/<parameter>}
   * @param index flat index in the tensor, -1 for the loss
   * @param value the value
   */
  record NonFinite(String tensor, int index, double value) {
    @Override
    public String toString() {
      return index < 0 ? tensor + " = " + value
          : tensor.substring(tensor.indexOf('/') + 1) + "[" + index + "] = " + value;
    }
  }

  /** @return the first non-finite gradient element, or null */
  static NonFinite firstNonFinite(List<Parameter> params) {
    return first(params, "grad/", true);
  }

  /** @return the first non-finite parameter value (after an update), or null */
  static NonFinite firstNonFiniteValue(List<Parameter> params) {
    return first(params, "param/", false);
  }

  private static NonFinite first(List<Parameter> params, String prefix, boolean gradients) {
    for (Parameter p : params) {
      Tensor t = gradients ? p.grad() : p.value();
      int i = t.firstNonFinite();
      if (i >= 0) {
        return new NonFinite(prefix + p.name(), i, t.get(i));
      }
    }
    return null;
  }
}
