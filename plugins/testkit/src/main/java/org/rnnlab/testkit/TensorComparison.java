package org.rnnlab.testkit;

import java.util.Arrays;
import org.rnnlab.api.tensor.Tensor;

/**
 * How far a computed tensor is from its reference, and whether it is close enough.
 *
 * <p>The criterion is numpy's {@code allclose}: every element satisfies
 * {@code |a - e| <= atol + rtol * |e|}. {@link #worstRatio()} is the largest
 * {@code |a - e| / (atol + rtol * |e|)}, so the tensor passes when it is {@code <= 1}.
 *
 * @param name the tensor's name ({@code y}, {@code hn}, {@code grad/weight_hh_l0}, ...)
 * @param maxAbs largest {@code |a - e|}
 * @param maxRel largest {@code |a - e| / |e|} over elements with {@code |e| >= 1e-3} (0 if none)
 * @param worstRatio largest error relative to the allowed error
 * @param worstIndex flat index of the element with {@link #worstRatio()}
 */
public record TensorComparison(String name, double maxAbs, double maxRel, double worstRatio,
    int worstIndex) {

  private static final double REL_FLOOR = 1e-3;

  /**
   * @param name tensor name
   * @param actual computed values
   * @param expected reference values, same shape
   * @param atol absolute tolerance
   * @param rtol relative tolerance
   * @return the comparison
   * @throws IllegalArgumentException when the shapes differ
   */
  public static TensorComparison of(String name, Tensor actual, Tensor expected, double atol,
      double rtol) {
    if (!actual.sameShape(expected)) {
      throw new IllegalArgumentException(name + ": expected shape "
          + Arrays.toString(expected.shape()) + " but got " + Arrays.toString(actual.shape()));
    }
    double maxAbs = 0;
    double maxRel = 0;
    double worst = 0;
    int worstIndex = -1;
    for (int i = 0; i < actual.size(); i++) {
      double e = expected.get(i);
      double err = Math.abs(actual.get(i) - e);
      if (Double.isNaN(err)) {
        return new TensorComparison(name, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, i);
      }
      maxAbs = Math.max(maxAbs, err);
      if (Math.abs(e) >= REL_FLOOR) {
        maxRel = Math.max(maxRel, err / Math.abs(e));
      }
      double ratio = err / (atol + rtol * Math.abs(e));
      if (ratio > worst || worstIndex < 0) {
        worst = ratio;
        worstIndex = i;
      }
    }
    return new TensorComparison(name, maxAbs, maxRel, worst, worstIndex);
  }

  /** @return true when every element is within tolerance */
  public boolean passes() {
    return worstRatio <= 1;
  }

  @Override
  public String toString() {
    return String.format("%s: maxAbs=%.3g maxRel=%.3g worst/allowed=%.3g at %d",
        name, maxAbs, maxRel, worstRatio, worstIndex);
  }
}
