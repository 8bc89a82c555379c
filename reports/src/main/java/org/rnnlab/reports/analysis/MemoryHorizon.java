package org.rnnlab.reports.analysis;

import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;

/**
 * The effective memory horizon: how many steps back through time the gradient stays at or above
 * {@link #THRESHOLD} (1e-3) of its value at the direction's last processed step. Beyond that the
 * contribution of early inputs to the update is, for practical purposes, nil: a float32 sum of
 * terms that differ by more than three orders of magnitude keeps the small ones only in its last
 * few bits.
 */
public final class MemoryHorizon {
  /** Fraction of the last step's gradient that still counts as "reaching" a step. */
  public static final double THRESHOLD = 1e-3;

  private MemoryHorizon() {}

  /**
   * @param byDistance gradient norms ordered by distance {@code k} back from the last step
   * @param length number of valid entries
   * @return the largest {@code k} such that every distance {@code 1..k} holds at least
   *     {@code THRESHOLD * byDistance[0]} ({@code length - 1} when the whole sequence is reached,
   *     0 when even one step back is below, or when {@code byDistance[0]} is not positive)
   */
  public static int of(double[] byDistance, int length) {
    double last = byDistance[0];
    if (!(last > 0) || Double.isInfinite(last)) {
      return 0;
    }
    double floor = THRESHOLD * last;
    for (int k = 1; k < length; k++) {
      // negated test so that NaN also ends the horizon
      if (!(byDistance[k] >= floor)) {
        return k - 1;
      }
    }
    return length - 1;
  }

  /**
   * @param series one layer/direction
   * @return the horizon of every recorded training step, aligned with {@code series.steps()}
   */
  public static int[] perStep(HiddenGradientSeries series) {
    int[] out = new int[series.steps().length];
    double[] buf = new double[series.maxLength()];
    for (int s = 0; s < out.length; s++) {
      int len = series.norms()[s].length;
      if (len == 0) {
        continue;
      }
      for (int k = 0; k < len; k++) {
        buf[k] = series.atDistance(s, k);
      }
      out[s] = of(buf, len);
    }
    return out;
  }
}
