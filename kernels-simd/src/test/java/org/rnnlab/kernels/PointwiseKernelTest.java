package org.rnnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/** Elementwise kernels, reductions and softmax of the Vector API kernels against the reference. */
class PointwiseKernelTest extends BaseKernelTestCase {
  /** Transcendental kernels: a few ulp plus the reference's double-vs-float rounding. */
  private static final double MATH_TOL = 2e-6;

  @ParameterizedTest
  @MethodSource("sizes")
  void activateMatchesScalarReference(int size) {
    SplittableRandom rng = rng(size);
    for (Activation f : Activation.values()) {
      Tensor x = offsetView(rng, 3, size);
      x.copyFrom(uniform(rng, -12, 12, size));
      Tensor expected = Tensor.zeros(DType.FLOAT32, size);
      Tensor actual = copyAtOffset(expected, 5);
      SCALAR.activate(f, x, expected);
      SIMD.activate(f, x, actual);
      assertClose("activate " + f, expected, actual, MATH_TOL);
      // in place (y aliases x)
      Tensor inPlace = copyAtOffset(x, 2);
      SIMD.activate(f, inPlace, inPlace);
      assertBitIdentical("in-place activate " + f, actual, inPlace);
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void activateBackwardMatchesScalarReference(int size) {
    SplittableRandom rng = rng(100 + size);
    for (Activation f : Activation.values()) {
      Tensor y = offsetView(rng, 1, size);
      Tensor dy = offsetView(rng, 2, size);
      Tensor expected = Tensor.zeros(DType.FLOAT32, size);
      Tensor actual = copyAtOffset(expected, 3);
      SCALAR.activateBackward(f, y, dy, expected);
      SIMD.activateBackward(f, y, dy, actual);
      assertClose("activateBackward " + f, expected, actual, 1e-6);
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void axpyScaleAndMulMatchScalarReference(int size) {
    SplittableRandom rng = rng(200 + size);
    Tensor x = offsetView(rng, 3, size);
    Tensor y = offsetView(rng, 4, size);
    Tensor expected = y.copy();
    Tensor actual = copyAtOffset(y, 6);
    SCALAR.axpy(-0.37, x, expected);
    SIMD.axpy(-0.37, x, actual);
    assertClose("axpy", expected, actual, 1e-6);
    SCALAR.scale(1.7, expected);
    SIMD.scale(1.7, actual);
    assertClose("scale", expected, actual, 1e-6);
    SCALAR.mul(x, expected, expected);
    SIMD.mul(x, actual, actual);
    assertClose("mul", expected, actual, 1e-6);
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void addRowVectorAndSumRowsMatchScalarReference(int size) {
    SplittableRandom rng = rng(300 + size);
    int rows = 5;
    Tensor bias = offsetView(rng, 2, size);
    Tensor y = offsetView(rng, 3, rows, size);
    Tensor expected = y.copy();
    Tensor actual = copyAtOffset(y, 4);
    SCALAR.addRowVector(bias, expected);
    SIMD.addRowVector(bias, actual);
    assertBitIdentical("addRowVector", expected, actual);
    for (boolean accumulate : new boolean[] {false, true}) {
      Tensor out = offsetView(rng, 1, size);
      Tensor outExpected = out.copy();
      SCALAR.sumRows(y, outExpected, accumulate);
      SIMD.sumRows(y, out, accumulate);
      // both sum in double in row order, so they agree exactly
      assertBitIdentical("sumRows accumulate=" + accumulate, outExpected, out);
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void gateBackwardsMayWriteOverTheirActivations(int hidden) {
    // the sequence path writes gate gradients over the gate activations (and GRU's dgh over
    // gh): in place must give the bits of separate outputs, on every implementation
    SplittableRandom rng = rng(900 + hidden);
    int batch = 3;
    Tensor gates = uniform(rng, 0.05, 0.95, batch, 4 * hidden);
    Tensor cPrev = uniform(rng, -1, 1, batch, hidden);
    Tensor c = uniform(rng, -1, 1, batch, hidden);
    Tensor dh = uniform(rng, -1, 1, batch, hidden);
    Tensor dc = uniform(rng, -1, 1, batch, hidden);
    Tensor rzn = uniform(rng, 0.05, 0.95, batch, 3 * hidden);
    Tensor gh = uniform(rng, -1, 1, batch, 3 * hidden);
    for (KernelOps ops : new KernelOps[] {SCALAR, SIMD, SIMD2}) {
      Tensor dGates = Tensor.zeros(DType.FLOAT32, batch, 4 * hidden);
      Tensor dcPrev = Tensor.zeros(DType.FLOAT32, batch, hidden);
      ops.lstmBackward(gates, cPrev, c, dh, dc, dGates, dcPrev);
      Tensor inPlace = gates.copy();
      Tensor dcPrev2 = Tensor.zeros(DType.FLOAT32, batch, hidden);
      ops.lstmBackward(inPlace, cPrev, c, dh, dc, inPlace, dcPrev2);
      assertBitIdentical(ops.name() + " lstmBackward in place", dGates, inPlace);
      assertBitIdentical(ops.name() + " lstmBackward in place dcPrev", dcPrev, dcPrev2);

      Tensor dgi = Tensor.zeros(DType.FLOAT32, batch, 3 * hidden);
      Tensor dgh = Tensor.zeros(DType.FLOAT32, batch, 3 * hidden);
      Tensor dhPrev = Tensor.zeros(DType.FLOAT32, batch, hidden);
      ops.gruBackward(rzn, gh, cPrev, dh, dgi, dgh, dhPrev);
      Tensor rznInPlace = rzn.copy();
      Tensor ghInPlace = gh.copy();
      Tensor dhPrev2 = Tensor.zeros(DType.FLOAT32, batch, hidden);
      ops.gruBackward(rznInPlace, ghInPlace, cPrev, dh, rznInPlace, ghInPlace, dhPrev2);
      assertBitIdentical(ops.name() + " gruBackward dgi in place", dgi, rznInPlace);
      assertBitIdentical(ops.name() + " gruBackward dgh in place", dgh, ghInPlace);
      assertBitIdentical(ops.name() + " gruBackward in place dhPrev", dhPrev, dhPrev2);

      // the sequence path keeps only gh's n block
      Tensor ghN = Tensor.zeros(DType.FLOAT32, batch, hidden);
      for (int b = 0; b < batch; b++) {
        ghN.view(b * hidden, hidden).copyFrom(gh.view((b * 3 + 2) * hidden, hidden));
      }
      Tensor dgi3 = Tensor.zeros(DType.FLOAT32, batch, 3 * hidden);
      Tensor dgh3 = Tensor.zeros(DType.FLOAT32, batch, 3 * hidden);
      Tensor dhPrev3 = Tensor.zeros(DType.FLOAT32, batch, hidden);
      ops.gruBackward(rzn, ghN, cPrev, dh, dgi3, dgh3, dhPrev3);
      assertBitIdentical(ops.name() + " gruBackward n block alone dgi", dgi, dgi3);
      assertBitIdentical(ops.name() + " gruBackward n block alone dgh", dgh, dgh3);
      assertBitIdentical(ops.name() + " gruBackward n block alone dhPrev", dhPrev, dhPrev3);

      // keeping dgh's n block: in a buffer of its own, and over the n block of gh it read
      Tensor dghN = Tensor.zeros(DType.FLOAT32, batch, hidden);
      for (int b = 0; b < batch; b++) {
        dghN.view(b * hidden, hidden).copyFrom(dgh.view((b * 3 + 2) * hidden, hidden));
      }
      Tensor kept = Tensor.zeros(DType.FLOAT32, batch, hidden);
      Tensor dgh4 = Tensor.zeros(DType.FLOAT32, batch, 3 * hidden);
      ops.gruBackward(rzn, ghN, cPrev, dh, Tensor.zeros(DType.FLOAT32, batch, 3 * hidden), dgh4,
          Tensor.zeros(DType.FLOAT32, batch, hidden), kept);
      assertBitIdentical(ops.name() + " gruBackward keeps dgh's n block", dghN, kept);
      assertBitIdentical(ops.name() + " gruBackward keeping dgh", dgh, dgh4);
      Tensor ghNInPlace = ghN.copy();
      ops.gruBackward(rzn, ghNInPlace, cPrev, dh, Tensor.zeros(DType.FLOAT32, batch, 3 * hidden),
          Tensor.zeros(DType.FLOAT32, batch, 3 * hidden), Tensor.zeros(DType.FLOAT32, batch,
          hidden), ghNInPlace);
      assertBitIdentical(ops.name() + " gruBackward keeps dgh's n block over gh's", dghN,
          ghNInPlace);
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void squaredErrorGivesTheReferenceBitsOnAnyThreadCount(int width) {
    SplittableRandom rng = rng(950 + width);
    int rows = 37;
    Tensor p = offsetView(rng, 3, rows, width);
    Tensor t = offsetView(rng, 5, rows, width);
    Tensor mask = uniform(rng, 0, 1, rows);
    mask.set(4, 0);
    for (Tensor m : new Tensor[] {null, mask}) {
      Tensor expected = Tensor.zeros(DType.FLOAT32, rows, width);
      double loss = SCALAR.squaredError(p, t, m, 0.25, expected);
      for (KernelOps ops : new KernelOps[] {SIMD, SIMD2}) {
        Tensor grad = copyAtOffset(Tensor.zeros(DType.FLOAT32, rows, width), 2);
        assertEquals(loss, ops.squaredError(p, t, m, 0.25, grad), 0.0,
            "squaredError threads=" + ops.threads() + " mask=" + (m != null));
        assertBitIdentical("squaredError grad threads=" + ops.threads(), expected, grad);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void swapLeadingAxesMatchesTheReference(int size) {
    SplittableRandom rng = rng(990 + size);
    int[][] shapes = {{size, 3, 7}, {5, size, 2}, {3, 4, size}};
    for (int[] sh : shapes) {
      Tensor src = offsetView(rng, 3, sh);
      Tensor expected = Tensor.zeros(DType.FLOAT32, sh[1], sh[0], sh[2]);
      SCALAR.swapLeadingAxes(src, expected);
      assertEquals(src.get((sh[0] - 1) * sh[1] * sh[2] + sh[2] - 1),
          expected.get((sh[0] - 1) * sh[2] + sh[2] - 1), 0.0, "reference moves [A-1, 0, F-1]");
      for (KernelOps ops : new KernelOps[] {SIMD, SIMD2}) {
        Tensor dst = copyAtOffset(Tensor.zeros(DType.FLOAT32, sh[1], sh[0], sh[2]), 3);
        ops.swapLeadingAxes(src, dst);
        assertBitIdentical("swapLeadingAxes " + java.util.Arrays.toString(sh) + " threads="
            + ops.threads(), expected, dst);
      }
    }
  }

  @Test
  void parallelMaxAbsIsExactAndPropagatesNan() {
    // several 2^18-element chunks and a ragged one, on two threads
    int size = (3 << 18) + 1031;
    Tensor x = offsetView(rng(77), 3, size);
    x.set(size - 7, 3.5);
    assertEquals(3.5, SIMD2.maxAbs(x), 0.0, "maxAbs in the ragged last chunk");
    x.set((1 << 18) + 5, -9.25);
    assertEquals(SCALAR.maxAbs(x), SIMD2.maxAbs(x), 0.0, "maxAbs across chunks");
    assertEquals(9.25, SIMD2.maxAbs(x), 0.0, "maxAbs of a negative element");
    x.set((2 << 18) + 3, Float.NaN);
    assertEquals(Double.NaN, SIMD2.maxAbs(x), "maxAbs with a NaN in one chunk");
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void reductionsMatchScalarReference(int size) {
    Tensor x = offsetView(rng(400 + size), 3, size);
    assertEquals(SCALAR.sum(x), SIMD.sum(x), 1e-12 * size, "sum");
    assertEquals(SCALAR.sumOfSquares(x), SIMD.sumOfSquares(x), 1e-12 * size, "sumOfSquares");
    assertEquals(SCALAR.maxAbs(x), SIMD.maxAbs(x), 0.0, "maxAbs");
    x.set(size / 2, Float.NaN);
    assertEquals(Double.NaN, SIMD.maxAbs(x), "maxAbs with a NaN element");
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void lstmForwardAndBackwardMatchScalarReference(int hidden) {
    SplittableRandom rng = rng(500 + hidden);
    int batch = 3;
    Tensor pre = uniform(rng, -4, 4, batch, 4 * hidden);
    Tensor cPrev = offsetView(rng, 2, batch, hidden);
    Tensor gE = pre.copy();
    Tensor gA = copyAtOffset(pre, 3);
    Tensor cE = Tensor.zeros(DType.FLOAT32, batch, hidden);
    Tensor cA = copyAtOffset(cE, 1);
    Tensor hE = Tensor.zeros(DType.FLOAT32, batch, hidden);
    Tensor hA = copyAtOffset(hE, 2);
    SCALAR.lstmForward(gE, cPrev, cE, hE);
    SIMD.lstmForward(gA, cPrev, cA, hA);
    assertClose("lstm gates", gE, gA, MATH_TOL);
    assertClose("lstm c", cE, cA, MATH_TOL);
    assertClose("lstm h", hE, hA, MATH_TOL);

    Tensor dh = offsetView(rng, 1, batch, hidden);
    Tensor dc = offsetView(rng, 2, batch, hidden);
    Tensor dGE = Tensor.zeros(DType.FLOAT32, batch, 4 * hidden);
    Tensor dGA = copyAtOffset(dGE, 3);
    Tensor dcE = Tensor.zeros(DType.FLOAT32, batch, hidden);
    Tensor dcA = copyAtOffset(dcE, 4);
    SCALAR.lstmBackward(gE, cPrev, cE, dh, dc, dGE, dcE);
    SIMD.lstmBackward(gE, cPrev, cE, dh, dc, dGA, dcA);
    assertClose("lstm dGates", dGE, dGA, MATH_TOL);
    assertClose("lstm dcPrev", dcE, dcA, MATH_TOL);
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void gruForwardAndBackwardMatchScalarReference(int hidden) {
    SplittableRandom rng = rng(600 + hidden);
    int batch = 3;
    Tensor gi = uniform(rng, -3, 3, batch, 3 * hidden);
    Tensor gh = offsetView(rng, 2, batch, 3 * hidden);
    Tensor hPrev = offsetView(rng, 3, batch, hidden);
    Tensor giE = gi.copy();
    Tensor giA = copyAtOffset(gi, 1);
    Tensor hE = Tensor.zeros(DType.FLOAT32, batch, hidden);
    Tensor hA = copyAtOffset(hE, 2);
    SCALAR.gruForward(giE, gh, hPrev, hE);
    SIMD.gruForward(giA, gh, hPrev, hA);
    assertClose("gru rzn", giE, giA, MATH_TOL);
    assertClose("gru h", hE, hA, MATH_TOL);

    Tensor dh = offsetView(rng, 4, batch, hidden);
    Tensor dgiE = Tensor.zeros(DType.FLOAT32, batch, 3 * hidden);
    Tensor dgiA = copyAtOffset(dgiE, 1);
    Tensor dghE = Tensor.zeros(DType.FLOAT32, batch, 3 * hidden);
    Tensor dghA = copyAtOffset(dghE, 2);
    Tensor dhpE = Tensor.zeros(DType.FLOAT32, batch, hidden);
    Tensor dhpA = copyAtOffset(dhpE, 3);
    SCALAR.gruBackward(giE, gh, hPrev, dh, dgiE, dghE, dhpE);
    SIMD.gruBackward(giE, gh, hPrev, dh, dgiA, dghA, dhpA);
    assertClose("gru dgi", dgiE, dgiA, 1e-6);
    assertClose("gru dgh", dghE, dghA, 1e-6);
    assertClose("gru dhPrev", dhpE, dhpA, 1e-6);
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void softmaxCrossEntropyMatchesScalarReference(int classes) {
    SplittableRandom rng = rng(700 + classes);
    int rows = 4;
    Tensor logits = offsetView(rng, 3, rows, classes);
    logits.copyFrom(uniform(rng, -20, 20, rows, classes));
    int[] targets = new int[rows];
    for (int r = 0; r < rows; r++) {
      targets[r] = rng.nextInt(classes);
    }
    Tensor mask = Tensor.of(DType.FLOAT32, new double[] {1, 0, 0.5, 1}, rows);
    for (Tensor m : new Tensor[] {null, mask}) {
      Tensor dE = Tensor.zeros(DType.FLOAT32, rows, classes);
      Tensor dA = copyAtOffset(dE, 2);
      double lossE = SCALAR.softmaxCrossEntropy(logits, targets, m, dE);
      double lossA = SIMD.softmaxCrossEntropy(logits, targets, m, dA);
      assertEquals(lossE, lossA, 1e-6 * Math.max(1, Math.abs(lossE)), "loss");
      assertClose("dLogits", dE, dA, MATH_TOL);
    }
  }

  @Test
  void sumRowsAndGatesAreBitIdenticalOnOneAndTwoThreads() {
    SplittableRandom rng = rng(800);
    Tensor m = uniform(rng, -1, 1, 300, 1500);
    Tensor out1 = Tensor.zeros(DType.FLOAT32, 1500);
    Tensor out2 = Tensor.zeros(DType.FLOAT32, 1500);
    SIMD.sumRows(m, out1, false);
    SIMD2.sumRows(m, out2, false);
    assertBitIdentical("sumRows threads 1 vs 2", out1, out2);
    // a time step's rows: columns split between the two threads, the reference's bits
    Tensor step = uniform(rng, -1, 1, 64, 1031);
    Tensor ref = uniform(rng, -1, 1, 1031);
    Tensor split = copyAtOffset(ref, 3);
    SCALAR.sumRows(step, ref, true);
    SIMD2.sumRows(step, split, true);
    assertBitIdentical("sumRows of a step's rows, 2 threads vs reference", ref, split);

    int batch = 64;
    int hidden = 515;
    Tensor pre = uniform(rng, -4, 4, batch, 4 * hidden);
    Tensor cPrev = uniform(rng, -1, 1, batch, hidden);
    Tensor g1 = pre.copy();
    Tensor g2 = pre.copy();
    Tensor c1 = Tensor.zeros(DType.FLOAT32, batch, hidden);
    Tensor c2 = Tensor.zeros(DType.FLOAT32, batch, hidden);
    Tensor h1 = Tensor.zeros(DType.FLOAT32, batch, hidden);
    Tensor h2 = Tensor.zeros(DType.FLOAT32, batch, hidden);
    SIMD.lstmForward(g1, cPrev, c1, h1);
    SIMD2.lstmForward(g2, cPrev, c2, h2);
    assertBitIdentical("lstm h threads 1 vs 2", h1, h2);

    Tensor logits = uniform(rng, -5, 5, 200, 700);
    int[] targets = rng.ints(200, 0, 700).toArray();
    Tensor d1 = Tensor.zeros(DType.FLOAT32, 200, 700);
    Tensor d2 = Tensor.zeros(DType.FLOAT32, 200, 700);
    assertEquals(SIMD.softmaxCrossEntropy(logits, targets, null, d1),
        SIMD2.softmaxCrossEntropy(logits, targets, null, d2), 0.0, "loss threads 1 vs 2");
    assertBitIdentical("dLogits threads 1 vs 2", d1, d2);
  }

  @Test
  void doubleTensorsUseTheScalarReference() {
    Tensor x = uniform(rng(900), -3, 3, 2, 37).to(DType.FLOAT64);
    Tensor expected = Tensor.zeros(DType.FLOAT64, 2, 37);
    Tensor actual = Tensor.zeros(DType.FLOAT64, 2, 37);
    SCALAR.activate(Activation.TANH, x, expected);
    SIMD.activate(Activation.TANH, x, actual);
    assertClose("float64 tanh", expected, actual, 0.0);
  }
}
