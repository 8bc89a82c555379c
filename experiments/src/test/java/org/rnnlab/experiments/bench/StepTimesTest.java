package org.rnnlab.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StepTimesTest {
  @Test
  void medianMatchesPythonStatisticsMedianForOddAndEvenCounts() {
    assertEquals(2.0, new StepTimes(new double[] {3, 1, 2}).median());
    assertEquals(2.5, new StepTimes(new double[] {4, 1, 3, 2}).median());
    StepTimes t = new StepTimes(new double[] {5, 9, 1});
    assertEquals(1.0, t.min());
    assertEquals(9.0, t.max());
  }

  @Test
  void lstmBudgetCountsInputGatesStatesAndParametersWithGradients() {
    BenchSpec b = new BenchSpec("lstm", 64, 100, 128, 256, 1, 1, 0, 0, 1, 0);
    long floats = 6400L * 128 + 6400L * 6 * 256 + 2L * 4 * 256 * (128 + 256 + 2);
    assertEquals(4 * floats, ActivationBudget.bytes(b));
  }
}
