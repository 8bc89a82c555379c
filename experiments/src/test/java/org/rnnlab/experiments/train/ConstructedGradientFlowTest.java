package org.rnnlab.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.diag.DiagnosticsCadence;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.core.layer.StackDiagnostics;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.reports.analysis.GradientFlowVerdict;
import org.rnnlab.reports.analysis.GradientFlowVerdict.Verdict;
import org.rnnlab.reports.analysis.SpectralStats;
import org.rnnlab.reports.diag.Diagnostics;
import org.rnnlab.reports.diag.DiagnosticsRecorder;

/**
 * The verdict on constructed cases, measured through rnnlab's own recurrent stack, cells and
 * diagnostics path (not a stand-alone model): ||dL/dh_t|| recorded by the stack's backward pass
 * with the loss on the last step only, then judged by {@link GradientFlowVerdict}.
 */
class ConstructedGradientFlowTest {
  private static final int I = 4;
  private static final int H = 16;
  private static final int B = 8;
  private final KernelOps ops = KernelOpsProvider.scalar();
  private final PluginRegistry registry = Plugins.load();

  private RecurrentStack stack(String cell, PluginConfig config, long seed) {
    CellFactory<?> f = registry.get(PluginFamily.CELL, cell);
    RecurrentStack s = new RecurrentStack(f, config == null ? f.defaults() : config,
        new RecurrentSpec(I, H, 1, false, 0), DType.FLOAT64);
    s.resetParameters(new SplittableRandom(seed));
    return s;
  }

  private static Parameter param(RecurrentStack s, String name) {
    return s.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** Scales weight_hh_l0 so that its spectral radius is {@code rho}. */
  private static void setSpectralRadius(RecurrentStack s, double rho) {
    Tensor w = param(s, "weight_hh_l0").value();
    double[][] m = new double[H][H];
    for (int i = 0; i < H; i++) {
      for (int j = 0; j < H; j++) {
        m[i][j] = w.get(i * H + j);
      }
    }
    double current = SpectralStats.of(m).spectralRadius();
    for (int i = 0; i < w.size(); i++) {
      w.set(i, w.get(i) * rho / current);
    }
    for (String bias : new String[] {"bias_ih_l0", "bias_hh_l0"}) {
      param(s, bias).value().fill(0);
    }
  }

  /** Runs 10 diagnosed "training steps" (fresh inputs each) and judges layer l0. */
  private static GradientFlowVerdict verdict(RecurrentStack s, KernelOps ops, int t, double inputScale) {
    DiagnosticsRecorder recorder = new DiagnosticsRecorder(new DiagnosticsCadence(1));
    SplittableRandom rng = new SplittableRandom(11);
    for (int step = 0; step < GradientFlowVerdict.WINDOW; step++) {
      Tensor x = Tensor.zeros(DType.FLOAT64, B, t, I);
      for (int i = 0; i < x.size(); i++) {
        x.set(i, inputScale * (rng.nextDouble() * 2 - 1));
      }
      StackDiagnostics diag = new StackDiagnostics(recorder, step, true, false);
      s.forward(ops, x, null, null, null, diag);
      Tensor dy = Tensor.zeros(DType.FLOAT64, B, t, H);
      for (int b = 0; b < B; b++) {
        for (int j = 0; j < H; j++) {
          dy.set((b * t + t - 1) * H + j, rng.nextDouble() * 2 - 1);   // loss on the last step only
        }
      }
      s.backward(ops, dy, null, null, diag);
    }
    Diagnostics d = recorder.snapshot();
    return GradientFlowVerdict.assess("l0", d.hiddenGradients().get("l0"));
  }

  @Test
  void tanhRnnWithSpectralRadiusHalfVanishes() {
    RecurrentStack s = stack("rnn_tanh", null, 1);
    setSpectralRadius(s, 0.5);
    GradientFlowVerdict v = verdict(s, ops, 40, 1.0);
    assertEquals(Verdict.VANISHING, v.verdict(), v.toString());
    assertTrue(v.decayPerStep() < 0.6, v.toString());
  }

  @Test
  void tanhRnnWithSpectralRadiusOneAndAHalfExplodesWithoutClipping() {
    RecurrentStack s = stack("rnn_tanh", null, 2);
    setSpectralRadius(s, 1.5);
    // tiny inputs keep the state in tanh's linear region, where the backward pass multiplies by
    // W_hh^T alone and the gradient grows like 1.5 per step back
    GradientFlowVerdict v = verdict(s, ops, 30, 1e-9);
    assertEquals(Verdict.EXPLODING, v.verdict(), v.toString());
    assertTrue(v.decayPerStep() > 1.2, v.toString());
  }

  @Test
  void lstmWithForgetBiasOneIsHealthyOverTwentySteps() {
    RecurrentStack s = stack("lstm", new org.rnnlab.plugins.cell.LstmConfig(1.0), 3);
    GradientFlowVerdict v = verdict(s, ops, 20, 1.0);
    assertEquals(Verdict.HEALTHY, v.verdict(), v.toString());
    // and it keeps far more of the gradient than the contractive tanh RNN over the same span
    RecurrentStack rnn = stack("rnn_tanh", null, 1);
    setSpectralRadius(rnn, 0.5);
    GradientFlowVerdict tanh = verdict(rnn, ops, 20, 1.0);
    assertTrue(v.ratioFirstLast() > 1e3 * tanh.ratioFirstLast(), v + " vs " + tanh);
  }
}
