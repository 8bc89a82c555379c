package org.rnnlab.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ActivationBudgetTest {
  private static BenchSpec configB(String cell) {
    return new BenchSpec(cell, 64, 100, 128, 256, 1, 1, 0, 0, 1, 0);
  }

  @Test
  void configBNeedsTheBytesOfTheStatedFormula() {
    // 4 * (6400*128 + 6400*6*256 + 2*1024*(128+256+2)), counted by hand
    assertEquals(45_760_512L, ActivationBudget.bytes(configB("lstm")));
    // 4 * (6400*128 + 6400*5*256 + 2*768*386)
    assertEquals(38_416_384L, ActivationBudget.bytes(configB("gru")));
    assertEquals(-1, ActivationBudget.bytes(configB("plugin_cell")));
  }

  @Test
  void stepTensorsAreTargetOutputAndItsGradient() {
    // three [64, 100, 256] float32 tensors: 19.7 MB, so at least 1.43x the LSTM's 45.8 MB
    BenchSpec lstm = configB("lstm");
    assertEquals(19_660_800L, ActivationBudget.stepTensorBytes(lstm));
    long required = ActivationBudget.bytes(lstm);
    double floor = (double) (required + ActivationBudget.stepTensorBytes(lstm)) / required;
    assertEquals(1.4296, floor, 1e-4);
  }
}
