package org.rnnlab.plugins.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.metric.Metric;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

class MetricsTest {
  private static final Tensor LOGITS = Tensor.of(DType.FLOAT32, new double[] {
      0.1, 0.9, 0.0,   // argmax 1
      2.0, 2.0, 1.0,   // tie: argmax 0, as torch.argmax
      -1, -3, -0.5,    // argmax 2
      5, 0, 0}, 4, 3); // argmax 0

  @Test
  void accuracyComparesArgmaxWithClassIndexOverUnmaskedRows() {
    Metric acc = new Accuracy();
    Tensor target = Tensor.of(DType.FLOAT32, new double[] {1, 1, 2, 2}, 4);
    assertEquals(0.5, acc.compute(LOGITS, target, null), 0.0);
    Tensor mask = Tensor.of(DType.FLOAT32, new double[] {1, 0, 1, 0}, 4);
    assertEquals(1.0, acc.compute(LOGITS, target, mask), 0.0);
    assertTrue(acc.higherIsBetter());
  }

  @Test
  void mseAndMaeAverageOverUnmaskedElements() {
    Tensor pred = Tensor.of(DType.FLOAT64, new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    Tensor target = Tensor.of(DType.FLOAT64, new double[] {0, 2, 3, 6, 100, 100}, 3, 2);
    Tensor mask = Tensor.of(DType.FLOAT64, new double[] {1, 1, 0}, 3);
    assertEquals((1 + 0 + 0 + 4) / 4.0, ElementwiseError.mse().compute(pred, target, mask), 0.0);
    assertEquals((1 + 0 + 0 + 2) / 4.0, ElementwiseError.mae().compute(pred, target, mask), 0.0);
    assertEquals((1 + 2 + 95 + 94) / 6.0, ElementwiseError.mae().compute(pred, target, null), 1e-15);
    assertFalse(ElementwiseError.mse().higherIsBetter());
  }

  @Test
  void allMaskedGivesNaN() {
    Tensor mask = Tensor.zeros(DType.FLOAT32, 4);
    assertTrue(Double.isNaN(new Accuracy().compute(LOGITS, Tensor.zeros(DType.FLOAT32, 4), mask)));
    assertTrue(Double.isNaN(ElementwiseError.mae().compute(LOGITS, LOGITS, mask)));
  }

  @Test
  void wrongShapesNameTheTensor() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Accuracy().compute(LOGITS, LOGITS, null));
    assertTrue(e.getMessage().contains("target") && e.getMessage().contains("[4]")
        && e.getMessage().contains("[4, 3]"), e.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> ElementwiseError.mse().compute(LOGITS, LOGITS, Tensor.zeros(DType.FLOAT32, 3)));
    assertTrue(m.getMessage().startsWith("mask"), m.getMessage());
  }
}
