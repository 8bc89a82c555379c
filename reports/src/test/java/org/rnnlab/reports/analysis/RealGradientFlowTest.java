package org.rnnlab.reports.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.reports.analysis.GradientFlowVerdict.Verdict;
import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;
import org.rnnlab.reports.testing.TinyRecurrentNets;
import org.rnnlab.reports.testing.TinyRecurrentNets.Result;

/**
 * The verdict on gradients computed by real (tiny, test-only) recurrent nets: several random
 * sequences per case stand in for the recent training steps the verdict averages.
 */
class RealGradientFlowTest {
  private static final int H = 16;
  private static final int I = 4;
  private static final int SEQUENCES = 5;

  /** A random recurrent matrix rescaled to the given spectral radius. */
  private static double[][] recurrent(double radius, SplittableRandom rng) {
    double[][] w = TinyRecurrentNets.gaussian(H, H, 1 / Math.sqrt(H), rng);
    return TinyRecurrentNets.scaled(w, radius / SpectralStats.of(w).spectralRadius());
  }

  private static GradientFlowVerdict rnnVerdict(double radius, double inputScale, int steps) {
    SplittableRandom rng = new SplittableRandom(11);
    double[][] w = recurrent(radius, rng);
    double[][] u = TinyRecurrentNets.uniform(H, I, 1 / Math.sqrt(H), rng);
    double[] wOut = TinyRecurrentNets.gaussian(1, H, 1, rng)[0];
    double[][] rows = new double[SEQUENCES][];
    for (int s = 0; s < SEQUENCES; s++) {
      rows[s] = TinyRecurrentNets.tanhRnn(w, u, TinyRecurrentNets.gaussian(steps, I, inputScale, rng), wOut).hiddenGradNorms();
    }
    return GradientFlowVerdict.assess("l0", series(rows));
  }

  private static GradientFlowVerdict lstmVerdict(double forgetBias, int steps) {
    SplittableRandom rng = new SplittableRandom(5);
    double k = 1 / Math.sqrt(H);
    double[][] wx = TinyRecurrentNets.uniform(4 * H, I, k, rng);
    double[][] wh = TinyRecurrentNets.uniform(4 * H, H, k, rng);
    double[] b = TinyRecurrentNets.uniform(1, 4 * H, k, rng)[0];
    java.util.Arrays.fill(b, H, 2 * H, forgetBias);
    double[] wOut = TinyRecurrentNets.gaussian(1, H, 1, rng)[0];
    double[][] rows = new double[SEQUENCES][];
    for (int s = 0; s < SEQUENCES; s++) {
      rows[s] = TinyRecurrentNets.lstm(wx, wh, b, TinyRecurrentNets.gaussian(steps, I, 1, rng), wOut).hiddenGradNorms();
    }
    return GradientFlowVerdict.assess("l0", series(rows));
  }

  private static HiddenGradientSeries series(double[][] rows) {
    long[] steps = new long[rows.length];
    for (int s = 0; s < steps.length; s++) {
      steps[s] = s;
    }
    return new HiddenGradientSeries(false, steps, rows);
  }

  @Test
  void tanhRnnWithSpectralRadiusHalfVanishes() {
    GradientFlowVerdict v = rnnVerdict(0.5, 1.0, 30);
    assertEquals(Verdict.VANISHING, v.verdict(), v.toString());
    assertTrue(v.decayPerStep() < 0.6, v.toString());
    assertTrue(v.horizon() < 12, v.toString());
  }

  @Test
  void tanhRnnWithSpectralRadiusOneAndAHalfExplodesInTheLinearRegime() {
    // inputs of 1e-9 keep |h| far below 1 for 30 steps of 1.5x growth, so tanh' ~ 1 and the
    // backward pass multiplies by W^T alone: ||dL/dh|| grows like 1.5^k
    GradientFlowVerdict v = rnnVerdict(1.5, 1e-9, 30);
    assertEquals(Verdict.EXPLODING, v.verdict(), v.toString());
    assertEquals(1.5, v.decayPerStep(), 0.15);
  }

  @Test
  void lstmWithOpenForgetGateKeepsTheGradientOverFiftySteps() {
    // forget bias 3: f ~ sigmoid(3) = 0.95, the cell-state path passes ~0.95 per step
    GradientFlowVerdict v = lstmVerdict(3, 50);
    assertEquals(Verdict.HEALTHY, v.verdict(), v.toString());
    assertEquals(49, v.horizon(), v.toString());
  }

  @Test
  void lstmWithForgetBiasOneReachesFartherThanTheTanhRnnButNotFiftySteps() {
    // f ~ sigmoid(1) = 0.73 per step: the cell path outlasts the RNN's 0.5 per step, yet 0.73^49
    // is ~2e-7, so over 50 steps the verdict is (correctly) VANISHING
    GradientFlowVerdict lstm = lstmVerdict(1, 50);
    GradientFlowVerdict rnn = rnnVerdict(0.5, 1.0, 50);
    assertEquals(Verdict.VANISHING, lstm.verdict(), lstm.toString());
    assertTrue(lstm.horizon() > rnn.horizon() + 5, lstm + " vs " + rnn);
    assertEquals(Verdict.HEALTHY, lstmVerdict(1, 12).verdict());
  }

  @Test
  void tinyNetsBackpropagateTheTrueGradient() {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] w = recurrent(0.9, rng);
    double[][] u = TinyRecurrentNets.uniform(H, I, 0.5, rng);
    double[] wOut = TinyRecurrentNets.gaussian(1, H, 1, rng)[0];
    double[][] x = TinyRecurrentNets.gaussian(6, I, 1, rng);
    double[][] wx = TinyRecurrentNets.uniform(4 * H, I, 0.5, rng);
    double[][] wh = TinyRecurrentNets.uniform(4 * H, H, 0.5, rng);
    double[] b = TinyRecurrentNets.uniform(1, 4 * H, 0.5, rng)[0];
    Result rnn = TinyRecurrentNets.tanhRnn(w, u, x, wOut);
    Result lstm = TinyRecurrentNets.lstm(wx, wh, b, x, wOut);
    double eps = 1e-6;
    for (int i = 0; i < I; i++) {
      double[][] plus = deepCopy(x);
      double[][] minus = deepCopy(x);
      plus[0][i] += eps;
      minus[0][i] -= eps;
      double fdRnn = (TinyRecurrentNets.tanhRnn(w, u, plus, wOut).loss()
          - TinyRecurrentNets.tanhRnn(w, u, minus, wOut).loss()) / (2 * eps);
      double fdLstm = (TinyRecurrentNets.lstm(wx, wh, b, plus, wOut).loss()
          - TinyRecurrentNets.lstm(wx, wh, b, minus, wOut).loss()) / (2 * eps);
      assertEquals(fdRnn, rnn.dx0()[i], 1e-7 + 1e-5 * Math.abs(fdRnn), "rnn dL/dx0[" + i + "]");
      assertEquals(fdLstm, lstm.dx0()[i], 1e-7 + 1e-5 * Math.abs(fdLstm), "lstm dL/dx0[" + i + "]");
    }
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
