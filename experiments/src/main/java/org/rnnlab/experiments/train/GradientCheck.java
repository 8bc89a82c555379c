package org.rnnlab.experiments.train;

import java.util.List;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;

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

  /** @return "name[index] = value" of the first non-finite gradient element, or null */
  static String firstNonFinite(List<Parameter> params) {
    for (Parameter p : params) {
      int i = p.grad().firstNonFinite();
      if (i >= 0) {
        return p.name() + "[" + i + "] = " + p.grad().get(i);
      }
    }
    return null;
  }

  /** @return "name[index] = value" of the first non-finite parameter element, or null */
  static String firstNonFiniteValue(List<Parameter> params) {
    for (Parameter p : params) {
      int i = p.value().firstNonFinite();
      if (i >= 0) {
        return p.name() + "[" + i + "] = " + p.value().get(i);
      }
    }
    return null;
  }
}
