package org.rnnlab.api.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

class SaturationCounterTest {
  private static final List<GateSpec> LSTM = List.of(new GateSpec("i", GateKind.SIGMOID),
      new GateSpec("f", GateKind.SIGMOID), new GateSpec("g", GateKind.TANH),
      new GateSpec("o", GateKind.SIGMOID));

  @Test
  void thresholdsAreStrictAtTheDocumentedBounds() {
    assertTrue(GateKind.SIGMOID.saturated(0.049));
    assertFalse(GateKind.SIGMOID.saturated(0.05));
    assertFalse(GateKind.SIGMOID.saturated(0.95));
    assertTrue(GateKind.SIGMOID.saturated(0.951));
    assertTrue(GateKind.TANH.saturated(-0.96));
    assertFalse(GateKind.TANH.saturated(0.95));
    assertFalse(GateKind.TANH.saturated(Double.NaN));
  }

  @Test
  void countRowsSplitsEachRowIntoGateBlocks() {
    // B = 2 rows, H = 2: columns i i | f f | g g | o o
    double[] v = {
        0.01, 0.5, 0.99, 0.97, 0.99, 0.1, 0.5, 0.5,
        0.5, 0.5, 0.02, 0.5, -0.999, 0.3, 0.04, 0.96};
    SaturationCounter c = new SaturationCounter(LSTM);
    c.countRows(Tensor.of(DType.FLOAT32, v, 2, 8));
    assertEquals(1, c.saturated(0));
    assertEquals(3, c.saturated(1));
    assertEquals(2, c.saturated(2));
    assertEquals(2, c.saturated(3));
    assertEquals(4, c.total(2));
    c.countRows(Tensor.of(DType.FLOAT64, v, 2, 8));
    assertEquals(6, c.saturated(1));
    assertEquals(8, c.total(1));
    c.reset();
    assertEquals(0, c.total(0));
  }

  @Test
  void countRowsRejectsAWidthThatIsNotAMultipleOfTheGateCount() {
    SaturationCounter c = new SaturationCounter(LSTM);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.countRows(Tensor.zeros(DType.FLOAT32, 3, 10)));
    assertEquals("gateOutputs: expected shape [B, 4*H] but got [3, 10]", e.getMessage());
  }

  @Test
  void cadenceWantsEveryNthStepStartingAtZero() {
    DiagnosticsCadence every = new DiagnosticsCadence(50);
    assertTrue(every.wants(0));
    assertFalse(every.wants(49));
    assertTrue(every.wants(100));
    assertThrows(IllegalArgumentException.class, () -> new DiagnosticsCadence(0));
    DiagnosticsCadence sparse = new DiagnosticsCadence(10, 100);
    assertTrue(sparse.wants(30));
    assertFalse(sparse.wantsSpectrum(30));
    assertTrue(sparse.wantsSpectrum(200));
  }

  @Test
  void noneSinkWantsNothing() {
    assertFalse(DiagnosticsSink.NONE.wants(0));
    assertFalse(DiagnosticsSink.NONE.wantsSpectrum(0));
    DiagnosticsSink.NONE.scalar(0, "train/loss", 1);
    DiagnosticsSink.NONE.flush();
  }
}
