package org.rnnlab.reports.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;

class MemoryHorizonTest {

  @Test
  void horizonIsTheLastDistanceAboveOneThousandthOfTheLastStep() {
    double[] byDistance = {2, 1, 0.1, 0.01, 0.0021, 0.0019, 5};
    // 0.0021 >= 2e-3 is kept, 0.0019 is not; the later rebound does not extend the horizon
    assertEquals(4, MemoryHorizon.of(byDistance, byDistance.length));
  }

  @Test
  void horizonSpansTheSequenceWhenTheGradientNeverDropsBelowTheCut() {
    assertEquals(3, MemoryHorizon.of(new double[] {1, 1, 1, 1}, 4));
  }

  @Test
  void horizonIsZeroWithoutGradientOrWithNaN() {
    assertEquals(0, MemoryHorizon.of(new double[] {0, 1, 1}, 3));
    assertEquals(0, MemoryHorizon.of(new double[] {1, Double.NaN, 1}, 3));
  }

  @Test
  void perStepHorizonFollowsEachRowAndItsDirection() {
    double[][] rows = {{1e-4, 1e-2, 1}, {1, 1, 1, 1, 1}};
    assertArrayEquals(new int[] {1, 4}, MemoryHorizon.perStep(new HiddenGradientSeries(false, new long[] {0, 5}, rows)));
    // read in reverse, row 0 starts at 1e-4 and only grows: the whole row is reached
    assertArrayEquals(new int[] {2, 4}, MemoryHorizon.perStep(new HiddenGradientSeries(true, new long[] {0, 5}, rows)));
  }
}
