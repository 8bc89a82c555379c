package org.rnnlab.plugins.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.diag.DiagnosticsSink;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * {@code ||dL/dh_t||} reporting with the running-sum cell, where the gradient reaching
 * {@code h_t} is the sum of the output gradients of the steps the direction processes after
 * {@code t} (plus the final-state gradient), so every expected norm is written down by hand.
 */
class StackDiagnosticsTest {
  private static final KernelOps OPS = KernelOpsProvider.scalar();
  private static final int B = 2;
  private static final int H = 3;
  private static final int T = 4;

  /** Keeps every hidden-gradient report; wants even steps only. */
  private static final class Recording implements DiagnosticsSink {
    final List<String> layers = new ArrayList<>();
    final List<double[]> rows = new ArrayList<>();
    final List<Long> steps = new ArrayList<>();
    int saturationCalls;

    @Override public boolean wants(long step) {
      return step % 2 == 0;
    }

    @Override public void scalar(long step, String name, double value) {}

    @Override public void parameter(long step, String name, double g, double m, double u) {}

    @Override public void hiddenGradientNorms(long step, String layer, boolean reverse,
        double[] norms, int length) {
      assertEquals(layer.endsWith("_reverse"), reverse, layer);
      layers.add(layer);
      rows.add(java.util.Arrays.copyOf(norms, length));
      steps.add(step);
    }

    @Override public void gateSaturation(long step, String layer, SaturationCounter counter) {
      saturationCalls++;
    }

    @Override public void recurrentWeight(long step, String p, Tensor w, int g) {}

    @Override public void gradientClipped(long step, double pre, double max) {}

    @Override public void nonFinite(long step, String tensor, int index, double value) {}
  }

  private static RecurrentStack stack(boolean bidirectional) {
    return new RecurrentStack(SumCell.FACTORY, new NoConfig(),
        new RecurrentSpec(H, H, 1, bidirectional, 0), DType.FLOAT64);
  }

  private static Tensor ones(int... shape) {
    Tensor t = Tensor.zeros(DType.FLOAT64, shape);
    t.fill(1);
    return t;
  }

  @Test
  void hiddenGradientNormsAreTheTotalGradientReachingEachStepInBothDirections() {
    RecurrentStack s = stack(true);
    s.forward(OPS, ones(B, T, H), null, null, null);
    Recording sink = new Recording();
    s.backward(OPS, ones(B, T, 2 * H), null, null, new StackDiagnostics(sink, 4, true, true));
    assertEquals(List.of("l0", "l0_reverse"), sink.layers);
    assertEquals(List.of(4L, 4L), sink.steps);
    double unit = Math.sqrt(B * H);
    double[] forward = new double[T];
    double[] reverse = new double[T];
    for (int t = 0; t < T; t++) {
      forward[t] = (T - t) * unit;   // outputs t..T-1 all flow back to h_t
      reverse[t] = (t + 1) * unit;   // the reverse direction reaches h_t from outputs t..0
    }
    assertArrayEquals(forward, sink.rows.get(0), 1e-12);
    assertArrayEquals(reverse, sink.rows.get(1), 1e-12);
  }

  @Test
  void finalStateGradientAndPaddingEnterTheNorms() {
    RecurrentStack s = stack(false);
    s.forward(OPS, ones(B, T, H), new int[] {T, 2}, null, null);
    Recording sink = new Recording();
    Tensor dFinal = ones(1, B, H);
    s.backward(OPS, Tensor.zeros(DType.FLOAT64, B, T, H), new Tensor[] {dFinal}, null,
        new StackDiagnostics(sink, 0, true, false));
    // row 0 has all steps; row 1 ends at t = 1, so its dFinal reaches h_1 and h_0 only
    double full = Math.sqrt(B * H);
    double half = Math.sqrt(H);
    assertArrayEquals(new double[] {full, full, half, half}, sink.rows.getFirst(), 1e-12);
  }

  @Test
  void nothingIsReportedOnStepsTheSinkDoesNotWantOrWhenNotAsked() {
    RecurrentStack s = stack(true);
    Recording sink = new Recording();
    s.forward(OPS, ones(B, T, H), null, null, null, new StackDiagnostics(sink, 3, true, true));
    s.backward(OPS, ones(B, T, 2 * H), null, null, new StackDiagnostics(sink, 3, true, true));
    s.backward(OPS, ones(B, T, 2 * H), null, null, new StackDiagnostics(sink, 2, false, true));
    s.probeHiddenGradients(OPS, ones(B, T, 2 * H), null, new StackDiagnostics(sink, 1, true, true));
    assertTrue(sink.rows.isEmpty());
    assertEquals(0, sink.saturationCalls, "the sum cell exposes no gates");
  }

  @Test
  void probeBackPropagatesOnlyTheLastProcessedStepOfEachDirection() {
    RecurrentStack s = stack(true);
    s.forward(OPS, ones(B, T, H), new int[] {T, 3}, null, null);
    Recording sink = new Recording();
    s.probeHiddenGradients(OPS, ones(B, T, 2 * H), null, new StackDiagnostics(sink, 0, true, false));
    double full = Math.sqrt(B * H);
    double one = Math.sqrt(H);
    // forward: row 0 injects at t = 3, row 1 (length 3) at t = 2; the sum cell carries it back
    assertArrayEquals(new double[] {full, full, full, one}, sink.rows.get(0), 1e-12);
    // reverse: both rows inject at t = 0, the last step the direction processes, and it flows
    // back to every earlier-processed valid step (row 1 has none at t = 3)
    assertArrayEquals(new double[] {full, full, full, one}, sink.rows.get(1), 1e-12);
  }
}
