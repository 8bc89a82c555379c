package org.rnnlab.plugins.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * The stack's bookkeeping (directions, padding, layouts, argument checks) with a cell whose
 * results are running sums. Gradients of real cells are checked in rnnlab-testkit.
 */
class RecurrentStackTest {
  private static final KernelOps OPS = KernelOpsProvider.scalar();

  private static RecurrentStack sumStack(int layers, boolean bidirectional) {
    return new RecurrentStack(SumCell.FACTORY, new NoConfig(),
        new RecurrentSpec(1, 1, layers, bidirectional, 0), DType.FLOAT64);
  }

  /** x[b, t] = 10^b * (t + 1), one feature. */
  private static Tensor ramp(int batch, int steps) {
    Tensor x = Tensor.zeros(DType.FLOAT64, batch, steps, 1);
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        x.set(b * steps + t, Math.pow(10, b) * (t + 1));
      }
    }
    return x;
  }

  @Test
  void paddedRowsOutputZeroAndKeepTheStateOfTheirLastValidStepInBothDirections() {
    RecurrentStack s = sumStack(1, true);
    Tensor h0 = Tensor.of(DType.FLOAT64, new double[] {0.5, 0.25, 2, 4}, 2, 2, 1);
    RecurrentStack.Output out = s.forward(OPS, ramp(2, 4), new int[] {4, 2}, new Tensor[] {h0}, null);
    // row 1: x = 10, 20 valid; forward sums from 0.25, reverse sums from 4 starting at t = 1
    double[] expected = {
        1.5, 2 + 10, 3.5, 2 + 9, 6.5, 2 + 7, 10.5, 2 + 4,
        10.25, 4 + 30, 30.25, 4 + 20, 0, 0, 0, 0};
    assertArrayEquals(expected, out.y().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {10.5, 30.25, 12, 34}, out.finalStates()[0].toDoubleArray(), 1e-12);
  }

  @Test
  void backwardPassesStateGradientsThroughPaddingAndZeroesPaddedInputs() {
    RecurrentStack s = sumStack(1, false);
    s.forward(OPS, ramp(2, 3), new int[] {3, 1}, null, null);
    Tensor dy = Tensor.of(DType.FLOAT64, new double[] {1, 1, 1, 1, 1, 1}, 2, 3, 1);
    Tensor dhn = Tensor.of(DType.FLOAT64, new double[] {100, 100}, 1, 2, 1);
    RecurrentStack.Gradients g = s.backward(OPS, dy, new Tensor[] {dhn}, null);
    // row 0: dx_t = 100 + (number of outputs at or after t); row 1: only t = 0 is valid
    assertArrayEquals(new double[] {103, 102, 101, 101, 0, 0}, g.dx().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {103, 101}, g.dInitialStates()[0].toDoubleArray(), 1e-12);
  }

  @Test
  void secondLayerReadsTheOutputsOfTheFirst() {
    RecurrentStack s = new RecurrentStack(SumCell.FACTORY, new NoConfig(),
        new RecurrentSpec(2, 2, 2, false, 0), DType.FLOAT64);
    Tensor x = Tensor.of(DType.FLOAT64, new double[] {1, 2, 3, 4}, 1, 2, 2);
    // layer 0: [1,2], [4,6]; layer 1: [1,2], [5,8]
    assertArrayEquals(new double[] {1, 2, 5, 8}, s.forward(OPS, x, null, null, null).y().toDoubleArray(), 0);
  }

  @Test
  void buffersAreReusedAcrossCallsAndResizedForNewShapes() {
    for (RecurrentStack s : new RecurrentStack[] {sumStack(2, false), sumStack(1, true)}) {
      double[] first = s.forward(OPS, ramp(2, 4), null, null, null).y().toDoubleArray();
      s.forward(OPS, ramp(3, 2), new int[] {1, 2, 2}, null, null);
      double[] again = s.forward(OPS, ramp(2, 4), null, null, null).y().toDoubleArray();
      assertArrayEquals(first, again, 0);
      assertArrayEquals(again, s.forward(OPS, ramp(2, 4), null, null, null).y().toDoubleArray(), 0);
    }
  }

  @Test
  void badArgumentsAreRejectedNamingTheTensor() {
    RecurrentStack s = sumStack(1, false);
    assertMessage("x: expected shape [B, T, 1] with B, T >= 1 but got [2, 3]",
        () -> s.forward(OPS, Tensor.zeros(DType.FLOAT64, 2, 3), null, null, null));
    assertMessage("x: expected dtype FLOAT64 but got FLOAT32",
        () -> s.forward(OPS, Tensor.zeros(DType.FLOAT32, 2, 3, 1), null, null, null));
    Tensor nan = Tensor.zeros(DType.FLOAT64, 2, 3, 1);
    nan.set(4, Double.NaN);
    assertMessage("x: non-finite value NaN at flat index 4 (shape [2, 3, 1])",
        () -> s.forward(OPS, nan, null, null, null));
    assertMessage("lengths[1] = 4 is outside [1, T=3]",
        () -> s.forward(OPS, ramp(2, 3), new int[] {3, 4}, null, null));
    assertMessage("lengths: expected 2 entries (one per batch row) but got 1",
        () -> s.forward(OPS, ramp(2, 3), new int[] {3}, null, null));
    assertMessage("initialStates[0]: expected shape [1, 2, 1] but got [2, 2, 1]",
        () -> s.forward(OPS, ramp(2, 3), null, new Tensor[] {Tensor.zeros(DType.FLOAT64, 2, 2, 1)}, null));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> sumStack(1, false).backward(OPS, Tensor.zeros(DType.FLOAT64, 2, 3, 1), null, null));
    assertTrue(e.getMessage().contains("forward"), e.getMessage());
    s.forward(OPS, ramp(2, 3), null, null, null);
    assertMessage("dy: expected shape [2, 3, 1] but got [2, 4, 1]",
        () -> s.backward(OPS, Tensor.zeros(DType.FLOAT64, 2, 4, 1), null, null));
  }

  @Test
  void specAndTruncationRejectMeaninglessValues() {
    assertThrows(IllegalArgumentException.class, () -> new RecurrentSpec(1, 1, 1, false, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new RecurrentSpec(0, 1, 1, false, 0));
    assertThrows(IllegalArgumentException.class, () -> new Truncation(3, 2));
    assertThrows(IllegalArgumentException.class, () -> new Truncation(0, 2));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
