package org.rnnlab.reports.testing;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.diag.DiagnosticsCadence;
import org.rnnlab.api.diag.GateKind;
import org.rnnlab.api.diag.GateSpec;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.reports.diag.DiagnosticsRecorder;

/**
 * Test-only: feeds a {@link DiagnosticsRecorder} through the public sink API with the kind of
 * data a short training run produces, where the gradient back through time decays by
 * {@code decayPerStep} per step (0.6 looks like a tanh RNN, 0.97 like an LSTM). The {@code lstm}
 * run is bidirectional ({@code l0} and {@code l0_reverse}).
 */
public final class SyntheticRuns {
  private SyntheticRuns() {}

  /**
   * @param recorder the sink to fill
   * @param cell {@code rnn_tanh} (1 gate block, gate h) or {@code lstm} (4 blocks, i f g o)
   * @param decayPerStep factor by which {@code ||dL/dh||} shrinks per step back in time
   * @param steps number of training steps
   * @param seqLen sequence length T
   * @param seed random seed for the noise
   */
  public static void fill(DiagnosticsRecorder recorder, String cell, double decayPerStep,
      int steps, int seqLen, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    boolean lstm = cell.equals("lstm");
    int blocks = lstm ? 4 : 1;
    int hidden = 6;
    List<GateSpec> gates = lstm
        ? List.of(new GateSpec("i", GateKind.SIGMOID), new GateSpec("f", GateKind.SIGMOID),
            new GateSpec("g", GateKind.TANH), new GateSpec("o", GateKind.SIGMOID))
        : List.of(new GateSpec("h", GateKind.TANH));
    SaturationCounter counter = new SaturationCounter(gates);
    double[] weight = new double[blocks * hidden * hidden];
    for (int i = 0; i < weight.length; i++) {
      weight[i] = rng.nextGaussian() / Math.sqrt(hidden);
    }
    double[] norms = new double[seqLen];
    for (int step = 0; step < steps; step++) {
      double progress = (double) step / steps;
      recorder.scalar(step, "train/loss", 2.0 * Math.exp(-3 * progress) + 0.1 + 0.05 * rng.nextDouble());
      recorder.scalar(step, "lr", 1e-3 * (1 - 0.5 * progress));
      if (step % 10 == 0) {
        recorder.scalar(step, "eval/loss", 2.0 * Math.exp(-2.5 * progress) + 0.2);
        recorder.scalar(step, "eval/accuracy", 1 - Math.exp(-3 * progress));
      }
      if (step % 17 == 5) {
        recorder.gradientClipped(step, 5 + 10 * rng.nextDouble(), 5);
      }
      if (!recorder.wants(step)) {
        continue;
      }
      for (String p : List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")) {
        double g = (p.startsWith("bias") ? 0.05 : 0.5) * Math.exp(-progress) * (1 + 0.2 * rng.nextDouble());
        recorder.parameter(step, p, g, g / 3, 1e-3 * (1 + rng.nextDouble()));
      }
      for (int t = 0; t < seqLen; t++) {
        int k = seqLen - 1 - t;
        norms[t] = 0.8 * Math.pow(decayPerStep, k) * Math.exp(0.1 * rng.nextGaussian());
      }
      recorder.hiddenGradientNorms(step, "l0", false, norms, seqLen);
      if (lstm) {
        // the LSTM sample is bidirectional: the reverse direction's last step is t = 0
        for (int t = 0; t < seqLen; t++) {
          norms[t] = 0.6 * Math.pow(decayPerStep, t) * Math.exp(0.1 * rng.nextGaussian());
        }
        recorder.hiddenGradientNorms(step, "l0_reverse", true, norms, seqLen);
      }
      counter.reset();
      double[] gateOut = new double[64];
      for (int g = 0; g < gates.size(); g++) {
        for (int i = 0; i < gateOut.length; i++) {
          double pre = rng.nextGaussian() * (1 + 2 * progress);
          gateOut[i] = gates.get(g).kind() == GateKind.SIGMOID ? 1 / (1 + Math.exp(-pre)) : Math.tanh(pre);
        }
        counter.count(g, gateOut, 0, gateOut.length);
      }
      recorder.gateSaturation(step, "l0", counter);
      for (int i = 0; i < weight.length; i++) {
        weight[i] *= 1.002;
      }
      recorder.recurrentWeight(step, "weight_hh_l0",
          Tensor.of(DType.FLOAT32, weight, blocks * hidden, hidden), blocks);
    }
  }

  /**
   * @param cadence the cadence
   * @return a recorder without file
   */
  public static DiagnosticsRecorder recorder(long cadence) {
    return new DiagnosticsRecorder(new DiagnosticsCadence(cadence));
  }
}
