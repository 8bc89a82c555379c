package org.rnnlab.reports.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.reports.analysis.GradientFlowVerdict.Verdict;
import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;

class GradientFlowVerdictTest {

  /** Rows of {@code ||dL/dh_t|| = factor^(T-1-t)} with 10% multiplicative noise. */
  private static HiddenGradientSeries geometric(double factor, int rows, int length, boolean reverse) {
    SplittableRandom rng = new SplittableRandom(42);
    double[][] norms = new double[rows][length];
    long[] steps = new long[rows];
    for (int s = 0; s < rows; s++) {
      steps[s] = 10L * s;
      for (int t = 0; t < length; t++) {
        int k = reverse ? t : length - 1 - t;
        norms[s][t] = 0.7 * Math.pow(factor, k) * (1 + 0.1 * (rng.nextDouble() - 0.5));
      }
    }
    return new HiddenGradientSeries(reverse, steps, norms);
  }

  @Test
  void halvingPerStepIsVanishingWithTheMatchingSlope() {
    GradientFlowVerdict v = GradientFlowVerdict.assess("l0", geometric(0.5, 30, 40, false));
    assertEquals(Verdict.VANISHING, v.verdict(), v.reason());
    assertEquals(Math.log10(0.5), v.slope(), 0.01);
    assertEquals(0.5, v.decayPerStep(), 0.01);
    assertTrue(v.rSquared() > 0.99, "R² " + v.rSquared());
    assertEquals(Math.pow(0.5, 39), v.ratioFirstLast(), Math.pow(0.5, 39) * 0.2);
    assertEquals(GradientFlowVerdict.WINDOW, v.stepsAveraged());
    assertEquals(9, v.horizon(), "0.5^9 = 2.0e-3 is kept, 0.5^10 = 9.8e-4 is not");
  }

  @Test
  void growthByHalfPerStepIsExploding() {
    GradientFlowVerdict v = GradientFlowVerdict.assess("l0", geometric(1.5, 5, 20, false));
    assertEquals(Verdict.EXPLODING, v.verdict(), v.reason());
    assertEquals(Math.log10(1.5), v.slope(), 0.01);
    assertEquals(19, v.horizon());
  }

  @Test
  void nearlyConstantGradientIsHealthy() {
    GradientFlowVerdict v = GradientFlowVerdict.assess("l0", geometric(0.99, 12, 60, false));
    assertEquals(Verdict.HEALTHY, v.verdict(), v.reason());
    assertEquals(0.99, v.decayPerStep(), 0.005);
    assertEquals(59, v.horizon());
  }

  @Test
  void reverseDirectionIsMeasuredFromTimeStepZero() {
    HiddenGradientSeries reverse = geometric(0.5, 4, 30, true);
    GradientFlowVerdict v = GradientFlowVerdict.assess("l0_reverse", reverse);
    assertEquals(Verdict.VANISHING, v.verdict());
    assertEquals(Math.log10(0.5), v.slope(), 0.01);
  }

  @Test
  void onlyTheRecentWindowDecidesTheVerdict() {
    HiddenGradientSeries early = geometric(1.5, 30, 20, false);
    HiddenGradientSeries late = geometric(0.98, GradientFlowVerdict.WINDOW, 20, false);
    double[][] rows = new double[40][];
    long[] steps = new long[40];
    for (int s = 0; s < 40; s++) {
      rows[s] = s < 30 ? early.norms()[s] : late.norms()[s - 30];
      steps[s] = s;
    }
    GradientFlowVerdict v = GradientFlowVerdict.assess("l0", new HiddenGradientSeries(false, steps, rows));
    assertEquals(Verdict.HEALTHY, v.verdict(), v.reason());
  }

  @Test
  void nonFiniteNormIsExploding() {
    HiddenGradientSeries s = geometric(0.9, 3, 10, false);
    s.norms()[2][4] = Double.POSITIVE_INFINITY;
    GradientFlowVerdict v = GradientFlowVerdict.assess("l1", s);
    assertEquals(Verdict.EXPLODING, v.verdict());
    assertTrue(v.reason().contains("non-finite"), v.reason());
  }

  @Test
  void hugeNormsAreExplodingEvenWhenFlat() {
    double[] flat = new double[10];
    java.util.Arrays.fill(flat, 1e9);
    assertEquals(Verdict.EXPLODING, GradientFlowVerdict.assessProfile("l0", flat, 10, 1).verdict());
  }

  @Test
  void gradientThatUnderflowsToZeroIsVanishing() {
    double[] profile = {1, 0.1, 0, 0, 0};
    GradientFlowVerdict v = GradientFlowVerdict.assessProfile("l0", profile, 5, 1);
    assertEquals(Verdict.VANISHING, v.verdict());
    assertEquals(1, v.horizon());
  }

  @Test
  void tooShortOrGradientFreeSequencesAreUnknown() {
    assertEquals(Verdict.UNKNOWN, GradientFlowVerdict.assessProfile("l0", new double[] {1, 0.5}, 2, 1).verdict());
    assertEquals(Verdict.UNKNOWN, GradientFlowVerdict.assessProfile("l0", new double[] {0, 0, 0}, 3, 1).verdict());
  }

  @Test
  void tenfoldDecayIsStillHealthyButThousandfoldIsNot() {
    // boundaries of the documented thresholds, on an exact exponential profile
    double[] tenfold = new double[11];
    double[] thousandfold = new double[11];
    for (int k = 0; k <= 10; k++) {
      tenfold[k] = Math.pow(10, -0.1 * k);
      thousandfold[k] = Math.pow(10, -0.3 * k);
    }
    assertEquals(Verdict.HEALTHY, GradientFlowVerdict.assessProfile("l0", tenfold, 11, 1).verdict());
    assertEquals(Verdict.VANISHING, GradientFlowVerdict.assessProfile("l0", thousandfold, 11, 1).verdict());
  }
}
