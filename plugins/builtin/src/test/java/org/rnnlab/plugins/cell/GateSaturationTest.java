package org.rnnlab.plugins.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.cell.SequenceCell;
import org.rnnlab.api.diag.DiagnosticsSink;
import org.rnnlab.api.diag.GateProbe;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.core.layer.SequenceGateProbe;
import org.rnnlab.plugins.core.layer.StackDiagnostics;

/** Gate saturation probes of the LSTM and GRU on both paths, and the gradient probe's isolation. */
class GateSaturationTest {
  private static final PluginRegistry REGISTRY = Plugins.load();
  private static final KernelOps OPS = KernelOpsProvider.scalar();
  private static final int I = 3;
  private static final int H = 5;
  private static final int B = 4;
  private static final int T = 6;

  private static Cell create(String key) {
    CellFactory<?> f = REGISTRY.get(PluginFamily.CELL, key);
    Cell cell = f.createFrom(f.defaults(), new CellShape(I, H, DType.FLOAT64));
    cell.resetParameters(new SplittableRandom(3));
    return cell;
  }

  private static Tensor random(SplittableRandom rng, double scale, int... shape) {
    Tensor t = Tensor.zeros(DType.FLOAT64, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, scale * (2 * rng.nextDouble() - 1));
    }
    return t;
  }

  private static Tensor[] zeroStates(Cell cell) {
    Tensor[] s = new Tensor[cell.stateCount()];
    for (int k = 0; k < s.length; k++) {
      s[k] = Tensor.zeros(DType.FLOAT64, B, H);
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru"})
  void stepAndSequencePathsCountTheSameSaturation(String key) {
    Cell cell = create(key);
    // large weights push a good share of the gates into saturation, so the counts are non-trivial
    for (Parameter p : cell.parameters()) {
      for (int i = 0; i < p.value().size(); i++) {
        p.value().set(i, 6 * p.value().get(i));
      }
    }
    SequenceGateProbe probe = (SequenceGateProbe) cell;
    Tensor xs = random(new SplittableRandom(9), 2, T, B, I);

    SaturationCounter stepCount = new SaturationCounter(probe.gates());
    Tensor[] prev = zeroStates(cell);
    for (int s = 0; s < T; s++) {
      Cell.Cache cache = cell.newCache(B);
      Tensor[] next = zeroStates(cell);
      cell.forward(OPS, xs.slice(s), prev, next, cache);
      probe.countSaturation(cache, stepCount);
      prev = next;
    }

    SequenceCell seq = (SequenceCell) cell;
    SequenceCell.SequenceCache cache = seq.newSequenceCache(T, B);
    seq.forwardInputs(OPS, xs, cache);
    SaturationCounter seqCount = new SaturationCounter(probe.gates());
    prev = zeroStates(cell);
    for (int s = 0; s < T; s++) {
      Tensor[] next = zeroStates(cell);
      seq.forwardStep(OPS, s, prev, next, cache);
      prev = next;
    }
    for (int s = 0; s < T; s++) {
      probe.countSaturation(cache, s, seqCount);
    }

    long all = 0;
    for (int g = 0; g < probe.gates().size(); g++) {
      assertEquals((long) T * B * H, stepCount.total(g));
      assertEquals(stepCount.total(g), seqCount.total(g));
      assertEquals(stepCount.saturated(g), seqCount.saturated(g), probe.gates().get(g).name());
      all += stepCount.saturated(g);
    }
    assertTrue(all > 0 && all < (long) probe.gates().size() * T * B * H, "saturated " + all);
  }

  @Test
  void lstmWithAStrongForgetBiasAndNoWeightsSaturatesOnlyTheForgetGate() {
    Cell cell = create("lstm");
    for (Parameter p : cell.parameters()) {
      p.value().fill(0);
    }
    Tensor biasIh = cell.parameters().get(2).value();
    for (int j = H; j < 2 * H; j++) {
      biasIh.set(j, 10);   // f = σ(10) > 0.95; i = o = σ(0) = 0.5 and g = tanh(0) = 0 are not
    }
    SequenceGateProbe probe = (SequenceGateProbe) cell;
    assertEquals(List.of("i", "f", "g", "o"), probe.gates().stream().map(g -> g.name()).toList());
    SaturationCounter counter = new SaturationCounter(probe.gates());
    Cell.Cache cache = cell.newCache(B);
    cell.forward(OPS, random(new SplittableRandom(1), 1, B, I), zeroStates(cell), zeroStates(cell), cache);
    probe.countSaturation(cache, counter);
    assertArrayEquals(new long[] {0, B * H, 0, 0},
        new long[] {counter.saturated(0), counter.saturated(1), counter.saturated(2), counter.saturated(3)});
  }

  @Test
  void cho2014GruCountsItsThreeGatesOnTheStepPath() {
    Cell cell = new Cho2014GruCell(new CellShape(I, H, DType.FLOAT64));
    for (Parameter p : cell.parameters()) {
      p.value().fill(0);
    }
    Tensor biasHh = cell.parameters().get(3).value();
    for (int j = H; j < 2 * H; j++) {
      biasHh.set(j, -10);   // z = σ(-10) < 0.05; r = σ(0) = 0.5 and n = tanh(0) = 0 are not
    }
    GateProbe probe = (GateProbe) cell;
    assertEquals(List.of("r", "z", "n"), probe.gates().stream().map(g -> g.name()).toList());
    SaturationCounter counter = new SaturationCounter(probe.gates());
    Cell.Cache cache = cell.newCache(B);
    cell.forward(OPS, random(new SplittableRandom(2), 1, B, I), zeroStates(cell), zeroStates(cell), cache);
    probe.countSaturation(cache, counter);
    assertArrayEquals(new long[] {0, B * H, 0},
        new long[] {counter.saturated(0), counter.saturated(1), counter.saturated(2)});
    assertEquals(B * H, counter.total(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru"})
  void gradientProbeLeavesParameterGradientsUnchanged(String key) {
    CellFactory<?> f = REGISTRY.get(PluginFamily.CELL, key);
    RecurrentStack stack = new RecurrentStack(f, f.defaults(), new RecurrentSpec(I, H, 2, true, 0),
        DType.FLOAT64);
    stack.resetParameters(new SplittableRandom(5));
    SplittableRandom rng = new SplittableRandom(6);
    Tensor x = random(rng, 1, B, T, I);
    Tensor dy = random(rng, 1, B, T, 2 * H);
    int[] lengths = {T, 3, T, 1};
    stack.forward(OPS, x, lengths, null, null);
    stack.zeroGrad();
    stack.backward(OPS, dy, null, null);
    List<double[]> expected = stack.parameters().stream().map(p -> p.grad().toDoubleArray()).toList();

    DiagnosticsSink sink = new org.rnnlab.api.diag.DiagnosticsSink() {
      @Override public boolean wants(long step) {
        return true;
      }

      @Override public void scalar(long step, String name, double value) {}

      @Override public void parameter(long step, String n, double g, double m, double u) {}

      @Override public void hiddenGradientNorms(long step, String l, boolean r, double[] n, int len) {}

      @Override public void gateSaturation(long step, String layer, SaturationCounter c) {}

      @Override public void recurrentWeight(long step, String p, Tensor w, int g) {}

      @Override public void gradientClipped(long step, double pre, double max) {}

      @Override public void nonFinite(long step, String t, int i, double v) {}
    };
    StackDiagnostics diag = new StackDiagnostics(sink, 0, true, true);
    // the probe runs before the real backward, which then uses up the forward values
    stack.forward(OPS, x, lengths, null, null);
    stack.zeroGrad();
    stack.probeHiddenGradients(OPS, dy, null, diag);
    stack.backward(OPS, dy, null, null, diag.withoutHiddenGradients());
    assertGradients(expected, stack);
    IllegalStateException after = assertThrows(IllegalStateException.class,
        () -> stack.probeHiddenGradients(OPS, dy, null, diag));
    assertTrue(after.getMessage().contains("setRetainForward"), after.getMessage());
    // kept forward values (retain_graph): the probe may follow the backward too
    stack.setRetainForward(true);
    stack.forward(OPS, x, lengths, null, null);
    stack.zeroGrad();
    stack.probeHiddenGradients(OPS, dy, null, diag);
    stack.backward(OPS, dy, null, null, diag.withoutHiddenGradients());
    stack.probeHiddenGradients(OPS, dy, null, diag);
    assertGradients(expected, stack);
  }

  private static void assertGradients(List<double[]> expected, RecurrentStack stack) {
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), stack.parameters().get(i).grad().toDoubleArray(),
          stack.parameters().get(i).name());
    }
  }
}
