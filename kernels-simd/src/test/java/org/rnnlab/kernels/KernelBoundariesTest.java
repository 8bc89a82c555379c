package org.rnnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/** Extreme inputs: huge magnitudes, zeros, infinities, NaN. */
class KernelBoundariesTest extends BaseKernelTestCase {
  private static final double[] EXTREMES = {
      0.0, -0.0, 1e-30, -1e-30, 1e-40, 0.5, -0.5, 0.625, -0.625, 9, -9, 20, -20, 44.5, -44.5,
      88.7, -88.7, 89.5, -89.5, 104, -104, 1e4, -1e4, 1e30, -1e30, Float.MAX_VALUE,
      -Float.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  private static Tensor extremes() {
    // repeated so the values land in both vector bodies and scalar tails
    int n = EXTREMES.length * 3 + 1;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = EXTREMES[i % EXTREMES.length];
    }
    return Tensor.of(DType.FLOAT32, v, n);
  }

  @Test
  void activationsOfExtremeInputsMatchReferenceAndStayFinite() {
    Tensor x = extremes();
    for (Activation f : Activation.values()) {
      Tensor expected = Tensor.zeros(DType.FLOAT32, x.size());
      Tensor actual = Tensor.zeros(DType.FLOAT32, x.size());
      SCALAR.activate(f, x, expected);
      SIMD.activate(f, x, actual);
      assertClose("activate " + f, expected, actual, 2e-6);
      if (f == Activation.TANH || f == Activation.SIGMOID) {
        assertEquals(-1, actual.firstNonFinite(), f + " produced a non-finite value");
      }
    }
  }

  @Test
  void tanhAndSigmoidSaturateExactly() {
    Tensor x = Tensor.of(DType.FLOAT32, new double[] {10, -10, 50, -50, 1e30, -1e30,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0}, 9);
    Tensor t = Tensor.zeros(DType.FLOAT32, 9);
    Tensor s = Tensor.zeros(DType.FLOAT32, 9);
    SIMD.activate(Activation.TANH, x, t);
    SIMD.activate(Activation.SIGMOID, x, s);
    double[] tanh = {1, -1, 1, -1, 1, -1, 1, -1, 0};
    double[] sigmoid = {0.9999546, 4.539787e-5, 1, 1.9287498e-22, 1, 0, 1, 0, 0.5};
    for (int i = 0; i < 9; i++) {
      assertEquals(tanh[i], t.get(i), 0.0, "tanh(" + x.get(i) + ")");
      assertEquals(sigmoid[i], s.get(i), 1e-6 * Math.abs(sigmoid[i]), "sigmoid(" + x.get(i) + ")");
    }
  }

  @Test
  void nanInputGivesNanActivation() {
    Tensor x = Tensor.of(DType.FLOAT32, new double[] {Double.NaN, 1, Double.NaN}, 3);
    for (Activation f : new Activation[] {Activation.TANH, Activation.SIGMOID}) {
      Tensor y = Tensor.zeros(DType.FLOAT32, 3);
      SIMD.activate(f, x, y);
      assertTrue(Double.isNaN(y.get(0)) && Double.isNaN(y.get(2)), f + " must propagate NaN");
    }
  }

  @Test
  void lstmWithSaturatedGatesStaysFinite() {
    int hidden = EXTREMES.length;
    Tensor gates = Tensor.zeros(DType.FLOAT32, 1, 4 * hidden);
    for (int g = 0; g < 4; g++) {
      for (int j = 0; j < hidden; j++) {
        double v = EXTREMES[(j + 7 * g) % hidden];
        gates.set(g * hidden + j, Double.isInfinite(v) ? Math.copySign(1e30, v) : v);
      }
    }
    Tensor cPrev = Tensor.zeros(DType.FLOAT32, 1, hidden);
    cPrev.fill(3.0);
    Tensor gE = gates.copy();
    Tensor cE = Tensor.zeros(DType.FLOAT32, 1, hidden);
    Tensor hE = Tensor.zeros(DType.FLOAT32, 1, hidden);
    Tensor c = Tensor.zeros(DType.FLOAT32, 1, hidden);
    Tensor h = Tensor.zeros(DType.FLOAT32, 1, hidden);
    SCALAR.lstmForward(gE, cPrev, cE, hE);
    SIMD.lstmForward(gates, cPrev, c, h);
    assertEquals(-1, h.firstNonFinite(), "h");
    assertClose("lstm c", cE, c, 2e-6);
    assertClose("lstm h", hE, h, 2e-6);
  }

  @Test
  void softmaxOfHugeLogitsIsFinite() {
    Tensor logits = Tensor.of(DType.FLOAT32, new double[] {1e4, -1e4, 0, 3e4, 0, -3e4}, 2, 3);
    int[] targets = {1, 0};
    Tensor dE = Tensor.zeros(DType.FLOAT32, 2, 3);
    Tensor dA = Tensor.zeros(DType.FLOAT32, 2, 3);
    double expected = SCALAR.softmaxCrossEntropy(logits, targets, null, dE);
    double actual = SIMD.softmaxCrossEntropy(logits, targets, null, dA);
    assertEquals(expected, actual, 1e-6 * expected);
    assertClose("dLogits", dE, dA, 1e-6);
  }

  @Test
  void reductionsOfLargeValuesDoNotOverflowFloat() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 33);
    x.fill(3e38);
    assertEquals(SCALAR.sum(x), SIMD.sum(x), 0.0);
    assertEquals(SCALAR.sumOfSquares(x), SIMD.sumOfSquares(x), 1e-12 * SCALAR.sumOfSquares(x));
    assertTrue(Double.isFinite(SIMD.sumOfSquares(x)), "sum of squares accumulated in double");
  }
}
