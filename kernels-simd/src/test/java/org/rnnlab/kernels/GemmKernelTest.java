package org.rnnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/** SGEMM of the Vector API kernels against the scalar reference. */
class GemmKernelTest extends BaseKernelTestCase {

  /** Runs one gemm on both implementations from identical (offset) inputs and compares C. */
  private static void compare(KernelOps simd, boolean transA, boolean transB, int m, int n, int k,
      double alpha, double beta, long seed) {
    SplittableRandom rng = rng(seed);
    Tensor a = offsetView(rng, 3, transA ? k : m, transA ? m : k);
    Tensor b = offsetView(rng, 5, transB ? n : k, transB ? k : n);
    Tensor c0 = offsetView(rng, 7, m, n);
    Tensor expected = c0.copy();
    Tensor actual = copyAtOffset(c0, 11);
    SCALAR.gemm(transA, transB, m, n, k, alpha, a, b, beta, expected);
    simd.gemm(transA, transB, m, n, k, alpha, a, b, beta, actual);
    assertClose("gemm transA=" + transA + " transB=" + transB + " " + m + "x" + n + "x" + k,
        expected, actual, 1e-5 * Math.max(1, k));
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void gemmMatchesScalarReferenceForAllTransposes(int size) {
    for (int t = 0; t < 4; t++) {
      boolean ta = (t & 1) != 0;
      boolean tb = (t & 2) != 0;
      // the awkward size once as m, once as n, once as k; the other sizes odd and small
      compare(SIMD, ta, tb, size, 37, 29, 1.3, 0.5, 11L * size + t);
      compare(SIMD, ta, tb, 29, size, 33, -0.7, 1.0, 13L * size + t);
      compare(SIMD, ta, tb, 31, 35, size, 1.0, 0.0, 17L * size + t);
    }
  }

  @Test
  void gemmMatchesScalarReferenceAcrossCacheBlocks() {
    // crosses the MC, NC and KC block edges with ragged remainders, on two threads
    for (int t = 0; t < 4; t++) {
      compare(SIMD2, (t & 1) != 0, (t & 2) != 0, 133, 531, 517, 0.9, 0.25, 100 + t);
    }
  }

  @Test
  void narrowLongNnProductsMatchScalarReference() {
    // dX = dG · W_ih shapes (the row-block path: B read in place, ragged last panel packed),
    // with the accumulate-in-C (alpha 1) and merged (alpha != 1) variants, on two threads
    int[] widths = {1, 3, 17, 33, 96, 255, 256};
    for (int i = 0; i < widths.length; i++) {
      compare(SIMD2, false, false, 200, widths[i], 1031, 1.0, 0.0, 400 + i);
      compare(SIMD2, false, false, 133, widths[i], 257, 1.0, 1.0, 410 + i);
      compare(SIMD2, false, false, 129, widths[i], 600, 0.9, 0.25, 420 + i);
    }
  }

  @Test
  void gemmBiasGivesTheBitsOfGemmThenAddRowVector() {
    // every path: few rows (unpacked), wide NT, narrow long NN, packed with one and several k
    // slices and ragged tiles; one and two threads
    int[][] shapes = {{5, 37, 29}, {40, 700, 33}, {200, 33, 1031}, {133, 531, 517}, {6400 / 50, 1024 / 8, 128}};
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        SplittableRandom rng = rng(500 + s[0] + t);
        Tensor a = uniform(rng, -1, 1, ta ? s[2] : s[0], ta ? s[0] : s[2]);
        Tensor b = uniform(rng, -1, 1, tb ? s[1] : s[2], tb ? s[2] : s[1]);
        Tensor bias = offsetView(rng, 3, s[1]);
        for (KernelOps ops : new KernelOps[] {SIMD, SIMD2}) {
          Tensor expected = Tensor.zeros(DType.FLOAT32, s[0], s[1]);
          ops.gemm(ta, tb, s[0], s[1], s[2], 1.0, a, b, 0.0, expected);
          ops.addRowVector(bias, expected);
          Tensor actual = Tensor.zeros(DType.FLOAT32, s[0], s[1]);
          actual.fill(Float.NaN);
          ops.gemmBias(ta, tb, s[0], s[1], s[2], a, b, bias, actual);
          assertBitIdentical("gemmBias " + s[0] + "x" + s[1] + "x" + s[2] + " t=" + t
              + " threads=" + ops.threads(), expected, actual);
        }
      }
    }
  }

  @Test
  void gemmTnPairGivesTheBitsOfTwoGemmCalls() {
    // weight-gradient shapes: n1 on and off a panel edge (the latter falls back), ragged n2,
    // several k slices; one and two threads
    // {m, n1, n2, k, m2}: m2 < m (GRU: only the r|z rows of dW_hh) on and off a tile edge,
    // past a 2048-row chunk of A
    int[][] shapes = {{1024 / 4, 128, 256, 1031, 256}, {133, 64, 37, 700, 133},
        {70, 33, 65, 300, 70}, {8, 32, 1, 2, 8}, {1536 / 4, 64, 128, 700, 1024 / 4},
        {133, 64, 37, 300, 61}, {2100, 32, 40, 300, 2056}, {70, 32, 33, 17, 1}};
    for (int[] s : shapes) {
      int m = s[0];
      int k = s[3];
      int m2 = s[4];
      SplittableRandom rng = rng(600 + m + m2);
      Tensor a = uniform(rng, -1, 1, k, m);
      Tensor b1 = offsetView(rng, 3, k, s[1]);
      Tensor b2 = offsetView(rng, 5, k, s[2]);
      Tensor c1 = uniform(rng, -1, 1, m, s[1]);
      Tensor c2 = uniform(rng, -1, 1, m2, s[2]);
      for (KernelOps ops : new KernelOps[] {SIMD, SIMD2}) {
        Tensor e1 = c1.copy();
        Tensor e2 = c2.copy();
        ops.gemm(true, false, m, s[1], k, 1.0, a, b1, 1.0, e1);
        if (m2 == m) {
          ops.gemm(true, false, m, s[2], k, 1.0, a, b2, 1.0, e2);
        } else {
          ops.gemmTnColumns(0, m2, k, a, b2, e2);
        }
        Tensor a1 = copyAtOffset(c1, 2);
        Tensor a2 = copyAtOffset(c2, 9);
        ops.gemmTnPair(m, k, a, b1, a1, b2, a2);
        String what = "gemmTnPair " + java.util.Arrays.toString(s) + " threads=" + ops.threads();
        assertBitIdentical(what + " c1", e1, a1);
        assertBitIdentical(what + " c2", e2, a2);
      }
      Tensor r1 = c1.copy();
      Tensor r2 = c2.copy();
      SCALAR.gemmTnPair(m, k, a, b1, r1, b2, r2);
      Tensor v1 = c1.copy();
      Tensor v2 = c2.copy();
      SIMD.gemmTnPair(m, k, a, b1, v1, b2, v2);
      assertClose("gemmTnPair vs scalar c1", r1, v1, 1e-5 * k);
      assertClose("gemmTnPair vs scalar c2", r2, v2, 1e-5 * k);
    }
  }

  @Test
  void gemmTnColumnsGivesTheBitsOfAGemmOnTheCopiedBlock() {
    // {from, m, total columns, n, k}: GRU's r|z block of 3H gate gradients, ragged blocks in
    // the middle and at the end of wider rows, several k slices; one and two threads
    int[][] shapes = {{0, 512, 768, 256, 1031}, {7, 33, 65, 17, 300}, {30, 3, 33, 7, 1},
        {0, 1, 1, 3, 600}, {16, 127, 160, 31, 257}};
    for (int[] s : shapes) {
      int from = s[0];
      int m = s[1];
      int k = s[4];
      SplittableRandom rng = rng(700 + m);
      Tensor a = offsetView(rng, 4, k, s[2]);
      Tensor b = offsetView(rng, 6, k, s[3]);
      Tensor c = uniform(rng, -1, 1, m, s[3]);
      Tensor block = Tensor.zeros(DType.FLOAT32, k, m);
      for (int p = 0; p < k; p++) {
        block.view(p * m, m).copyFrom(a.view(p * s[2] + from, m));
      }
      // the scalar reference reads the block in place too (its own loops, so its own bits)
      for (KernelOps ops : new KernelOps[] {SCALAR, SIMD, SIMD2}) {
        Tensor expected = c.copy();
        ops.gemm(true, false, m, s[3], k, 1.0, block, b, 1.0, expected);
        Tensor actual = copyAtOffset(c, 5);
        ops.gemmTnColumns(from, m, k, a, b, actual);
        assertBitIdentical("gemmTnColumns " + java.util.Arrays.toString(s) + " threads="
            + ops.threads(), expected, actual);
      }
      Tensor reference = c.copy();
      SCALAR.gemmTnColumns(from, m, k, a, b, reference);
      Tensor simd = c.copy();
      SIMD.gemmTnColumns(from, m, k, a, b, simd);
      assertClose("gemmTnColumns vs scalar " + java.util.Arrays.toString(s), reference, simd,
          1e-5 * k);
    }
  }

  @Test
  void rowsBeyondOnePackedChunkGiveTheBitsOfSmallerProducts() {
    // 4109 rows: two full chunks of packed A (2048 rows) and a ragged one; two k slices
    int m = 2 * 2048 + 13;
    int n = 37;
    int k = 300;
    int block = 1000;
    SplittableRandom rng = rng(900);
    for (boolean transA : new boolean[] {false, true}) {
      // NT (A stored m x k) and TN (A stored k x m) both take the packed path at these sizes
      boolean transB = !transA;
      Tensor a = offsetView(rng, 3, transA ? k : m, transA ? m : k);
      Tensor b = offsetView(rng, 5, transB ? n : k, transB ? k : n);
      Tensor c0 = uniform(rng, -1, 1, m, n);
      for (KernelOps ops : new KernelOps[] {SIMD, SIMD2}) {
        Tensor whole = c0.copy();
        ops.gemm(transA, transB, m, n, k, 1.0, a, b, 1.0, whole);
        Tensor pieces = c0.copy();
        for (int r = 0; r < m; r += block) {
          int rows = Math.min(block, m - r);
          Tensor out = pieces.view(r * n, rows, n);
          if (transA) {
            ops.gemmTnColumns(r, rows, k, a, b, out);
          } else {
            ops.gemm(false, true, rows, n, k, 1.0, a.view(r * k, rows, k), b, 1.0, out);
          }
        }
        assertBitIdentical("chunked rows transA=" + transA + " threads=" + ops.threads(), pieces,
            whole);
      }
      compare(SIMD2, transA, transB, m, n, k, 1.0, 1.0, 901);
    }
  }

  @Test
  void gemmMatchesScalarReferenceAtRecurrentStepShape() {
    // h W_hh^T of one LSTM step: B=64, 4H=1024, H=256
    compare(SIMD2, false, true, 64, 1024, 256, 1.0, 1.0, 7);
  }

  @Test
  void gemmWithBetaZeroIgnoresNanInC() {
    SplittableRandom rng = rng(3);
    int m = 19;
    int n = 45;
    int k = 23;
    for (int t = 0; t < 4; t++) {
      boolean ta = (t & 1) != 0;
      boolean tb = (t & 2) != 0;
      Tensor a = uniform(rng, -1, 1, ta ? k : m, ta ? m : k);
      Tensor b = uniform(rng, -1, 1, tb ? n : k, tb ? k : n);
      Tensor expected = Tensor.zeros(DType.FLOAT32, m, n);
      Tensor actual = Tensor.zeros(DType.FLOAT32, m, n);
      actual.fill(Float.NaN);
      SCALAR.gemm(ta, tb, m, n, k, 1.0, a, b, 0.0, expected);
      SIMD.gemm(ta, tb, m, n, k, 1.0, a, b, 0.0, actual);
      assertFalse(actual.firstNonFinite() >= 0, "NaN in C leaked through beta=0");
      assertClose("beta=0", expected, actual, 1e-5 * k);
    }
  }

  @Test
  void gemmWithEmptyInnerDimensionScalesC() {
    Tensor a = Tensor.zeros(DType.FLOAT32, 5, 0);
    Tensor b = Tensor.zeros(DType.FLOAT32, 0, 9);
    Tensor c = uniform(rng(4), -1, 1, 5, 9);
    Tensor expected = c.copy();
    SCALAR.gemm(false, false, 5, 9, 0, 1.0, a, b, 0.5, expected);
    SIMD.gemm(false, false, 5, 9, 0, 1.0, a, b, 0.5, c);
    assertBitIdentical("k=0", expected, c);
  }

  @Test
  void gemmIsBitIdenticalOnOneAndTwoThreads() {
    int[][] shapes = {{200, 600, 300}, {64, 1024, 256}, {512, 96, 700}, {640, 33, 1031}};
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        SplittableRandom rng = rng(s[0] + t);
        Tensor a = uniform(rng, -1, 1, ta ? s[2] : s[0], ta ? s[0] : s[2]);
        Tensor b = uniform(rng, -1, 1, tb ? s[1] : s[2], tb ? s[2] : s[1]);
        Tensor c1 = uniform(rng, -1, 1, s[0], s[1]);
        Tensor c2 = c1.copy();
        SIMD.gemm(ta, tb, s[0], s[1], s[2], 0.8, a, b, 0.3, c1);
        SIMD2.gemm(ta, tb, s[0], s[1], s[2], 0.8, a, b, 0.3, c2);
        assertBitIdentical("threads 1 vs 2", c1, c2);
      }
    }
  }

  @Test
  void concurrentCallersOnOneInstanceGetTheSameResultsAsSerialCalls() throws Exception {
    SplittableRandom rng = rng(12);
    int m = 96;
    int n = 300;
    int k = 200;
    Tensor a = uniform(rng, -1, 1, m, k);
    Tensor b = uniform(rng, -1, 1, n, k);
    Tensor[] serial = new Tensor[4];
    Tensor[] concurrent = new Tensor[4];
    for (int i = 0; i < 4; i++) {
      serial[i] = Tensor.zeros(DType.FLOAT32, m, n);
      concurrent[i] = Tensor.zeros(DType.FLOAT32, m, n);
      SIMD2.gemm(false, true, m, n, k, 1.0 + i, a, b, 0.0, serial[i]);
    }
    Thread[] callers = new Thread[4];
    for (int i = 0; i < 4; i++) {
      int id = i;
      callers[i] = new Thread(() -> {
        for (int rep = 0; rep < 5; rep++) {
          SIMD2.gemm(false, true, m, n, k, 1.0 + id, a, b, 0.0, concurrent[id]);
        }
      });
      callers[i].start();
    }
    for (Thread t : callers) {
      t.join();
    }
    for (int i = 0; i < 4; i++) {
      assertBitIdentical("caller " + i, serial[i], concurrent[i]);
    }
  }

  @Test
  void gemmOnDoubleTensorsMatchesScalarReference() {
    SplittableRandom rng = rng(8);
    Tensor a = uniform(rng, -1, 1, 9, 13).to(DType.FLOAT64);
    Tensor b = uniform(rng, -1, 1, 13, 6).to(DType.FLOAT64);
    Tensor expected = Tensor.zeros(DType.FLOAT64, 9, 6);
    Tensor actual = Tensor.zeros(DType.FLOAT64, 9, 6);
    SCALAR.gemm(false, false, 9, 6, 13, 1.0, a, b, 0.0, expected);
    SIMD.gemm(false, false, 9, 6, 13, 1.0, a, b, 0.0, actual);
    assertClose("float64 gemm", expected, actual, 1e-15);
  }
}
