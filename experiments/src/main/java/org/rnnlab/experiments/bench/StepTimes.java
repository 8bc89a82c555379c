package org.rnnlab.experiments.bench;

import java.util.Arrays;

/**
 * Wall-clock times of the timed repetitions, in milliseconds, with the order statistics the
 * benchmark reports.
 *
 * @param millis one entry per timed step, in run order
 */
public record StepTimes(double[] millis) {

  /** Keeps a private copy; at least one time is needed. */
  public StepTimes {
    if (millis.length == 0) {
      throw new IllegalArgumentException("millis: expected at least one timed step");
    }
    millis = millis.clone();
  }

  /** @return the median (mean of the middle two for an even count, as Python's statistics.median) */
  public double median() {
    double[] s = sorted();
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** @return the fastest step */
  public double min() {
    return sorted()[0];
  }

  /** @return the slowest step */
  public double max() {
    double[] s = sorted();
    return s[s.length - 1];
  }

  private double[] sorted() {
    double[] s = millis.clone();
    Arrays.sort(s);
    return s;
  }
}
