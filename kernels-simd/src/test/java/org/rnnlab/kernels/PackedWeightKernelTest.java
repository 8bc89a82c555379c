package org.rnnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.kernel.PackedWeight;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Products with a pre-packed weight and the LSTM and GRU steps of the Vector API kernels against
 * the scalar reference (which composes the plain GEMM and the pointwise step), at awkward sizes,
 * and bit-identical on 1 and 2 threads.
 */
class PackedWeightKernelTest extends BaseKernelTestCase {
  /** Batch sizes: the unpacked few-row path (<= 8), ragged 8-row panels, and larger. */
  private static final int[] ROWS = {1, 3, 8, 9, 17, 33, 64};

  private static Tensor product(KernelOps ops, Tensor a, Tensor w, boolean transposed,
      double beta, Tensor c0) {
    Tensor c = copyAtOffset(c0, 9);
    PackedWeight packed = ops.packWeight(w, transposed);
    ops.gemm(a, packed, beta, c);
    return c;
  }

  private static void compareProduct(int m, int n, int k, boolean transposed, double beta,
      long seed) {
    SplittableRandom rng = rng(seed);
    Tensor a = offsetView(rng, 3, m, k);
    Tensor w = offsetView(rng, 5, transposed ? n : k, transposed ? k : n);
    Tensor c0 = offsetView(rng, 7, m, n);
    Tensor expected = c0.copy();
    SCALAR.gemm(false, transposed, m, n, k, 1, a, w, beta, expected);
    String what = "packed " + (transposed ? "NT " : "NN ") + m + "x" + n + "x" + k + " beta=" + beta;
    Tensor one = product(SIMD, a, w, transposed, beta, c0);
    assertClose(what, expected, one, 1e-5 * Math.max(1, k));
    assertBitIdentical(what + " 1 vs 2 threads", one, product(SIMD2, a, w, transposed, beta, c0));
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void productMatchesScalarReference(int size) {
    for (int m : ROWS) {
      for (boolean transposed : new boolean[] {true, false}) {
        compareProduct(m, size, 37, transposed, 1.0, 31L * size + m);
        compareProduct(m, 45, size, transposed, 0.5, 37L * size + m);
      }
    }
  }

  @Test
  void productAtRecurrentShapesCrossesEveryKSlice() {
    // h W_hh^T and dG W_hh for B=64, H=256 and a ragged H=300 (k slices of 256 + 44)
    compareProduct(64, 1024, 256, true, 1.0, 1);
    compareProduct(64, 256, 1024, false, 0.0, 2);
    compareProduct(65, 1200, 300, true, 1.0, 3);
    compareProduct(65, 300, 1200, false, 0.0, 4);
  }

  @Test
  void betaZeroIgnoresNanInC() {
    SplittableRandom rng = rng(5);
    for (int m : ROWS) {
      Tensor a = uniform(rng, -1, 1, m, 19);
      Tensor w = uniform(rng, -1, 1, 70, 19);
      Tensor c = Tensor.zeros(DType.FLOAT32, m, 70);
      c.fill(Float.NaN);
      SIMD2.gemm(a, SIMD2.packWeight(w, true), 0, c);
      assertFalse(c.firstNonFinite() >= 0, "NaN in C leaked through beta=0 at m=" + m);
    }
  }

  @Test
  void refreshPicksUpAChangedWeight() {
    SplittableRandom rng = rng(6);
    for (int m : new int[] {2, 40}) {
      Tensor a = uniform(rng, -1, 1, m, 33);
      Tensor w = uniform(rng, -1, 1, 50, 33);
      PackedWeight packed = SIMD.packWeight(w, true);
      Tensor c = Tensor.zeros(DType.FLOAT32, m, 50);
      SIMD.gemm(a, packed, 0, c);
      // the optimizer changes the weight in place; the next sequence refreshes first
      SIMD.scale(-2, w);
      packed.refresh();
      SIMD.gemm(a, packed, 0, c);
      Tensor expected = Tensor.zeros(DType.FLOAT32, m, 50);
      SCALAR.gemm(false, true, m, 50, 33, 1, a, w, 0, expected);
      assertClose("after refresh, m=" + m, expected, c, 1e-4);
    }
  }

  /** One recurrent step on {@code ops} from fresh copies of the inputs; returns its outputs. */
  @FunctionalInterface
  private interface Step {
    Tensor[] run(KernelOps ops);
  }

  /**
   * Runs {@code step} on the scalar reference and on the Vector API kernels with 1 and 2
   * threads: close to the reference, bit-identical across thread counts.
   */
  private static void compareStep(String what, String[] outputs, int hidden, Step step) {
    Tensor[] expected = step.run(SCALAR);
    Tensor[] one = step.run(SIMD);
    Tensor[] two = step.run(SIMD2);
    for (int i = 0; i < outputs.length; i++) {
      String name = what + " " + outputs[i];
      assertClose(name, expected[i], one[i], 2e-5 * Math.max(1, hidden));
      assertBitIdentical(name + " 1 vs 2 threads", one[i], two[i]);
    }
  }

  @ParameterizedTest
  @MethodSource("hiddenSizes")
  void lstmStepMatchesScalarReference(int hidden) {
    for (int batch : ROWS) {
      SplittableRandom rng = rng(100L * hidden + batch);
      Tensor hPrev = offsetView(rng, 3, batch, hidden);
      Tensor w = offsetView(rng, 5, 4 * hidden, hidden);
      Tensor gates0 = offsetView(rng, 7, batch, 4 * hidden);
      Tensor cPrev = offsetView(rng, 11, batch, hidden);
      compareStep("lstmStep B=" + batch + " H=" + hidden, new String[] {"gates", "c", "h"},
          hidden, ops -> {
            Tensor gates = copyAtOffset(gates0, 4);
            Tensor c = copyAtOffset(Tensor.zeros(DType.FLOAT32, batch, hidden), 6);
            Tensor h = copyAtOffset(Tensor.zeros(DType.FLOAT32, batch, hidden), 8);
            ops.lstmStep(hPrev, ops.packWeight(w, true), gates, cPrev, c, h);
            return new Tensor[] {gates, c, h};
          });
    }
  }

  @ParameterizedTest
  @MethodSource("hiddenSizes")
  void gruStepMatchesScalarReference(int hidden) {
    for (int batch : ROWS) {
      SplittableRandom rng = rng(200L * hidden + batch);
      Tensor hPrev = offsetView(rng, 3, batch, hidden);
      Tensor w = offsetView(rng, 5, 3 * hidden, hidden);
      Tensor bias = offsetView(rng, 2, 3 * hidden);
      Tensor gi0 = offsetView(rng, 7, batch, 3 * hidden);
      compareStep("gruStep B=" + batch + " H=" + hidden, new String[] {"rzn", "gh", "h",
          "ghN"}, hidden, ops -> {
            Tensor gi = copyAtOffset(gi0, 4);
            Tensor gh = copyAtOffset(Tensor.zeros(DType.FLOAT32, batch, 3 * hidden), 6);
            gh.fill(Float.NaN); // overwritten, never read
            Tensor h = copyAtOffset(Tensor.zeros(DType.FLOAT32, batch, hidden), 8);
            Tensor ghN = copyAtOffset(Tensor.zeros(DType.FLOAT32, batch, hidden), 3);
            ops.gruStep(hPrev, ops.packWeight(w, true), bias, gi, gh, h, ghN);
            return new Tensor[] {gi, gh, h, ghN};
          });
      // the fused step gives the bits of its parts called one by one, with or without the
      // copy of the n block
      for (boolean keep : new boolean[] {true, false}) {
        Tensor[] fused = new Tensor[] {copyAtOffset(gi0, 1), Tensor.zeros(DType.FLOAT32, batch,
            3 * hidden), Tensor.zeros(DType.FLOAT32, batch, hidden),
            Tensor.zeros(DType.FLOAT32, batch, hidden)};
        Tensor[] parts = new Tensor[] {copyAtOffset(gi0, 2), Tensor.zeros(DType.FLOAT32, batch,
            3 * hidden), Tensor.zeros(DType.FLOAT32, batch, hidden),
            Tensor.zeros(DType.FLOAT32, batch, hidden)};
        SIMD2.gruStep(hPrev, SIMD2.packWeight(w, true), bias, fused[0], fused[1], fused[2],
            keep ? fused[3] : null);
        SIMD2.gemm(hPrev, SIMD2.packWeight(w, true), 0, parts[1]);
        SIMD2.addRowVector(bias, parts[1]);
        SIMD2.gruForward(parts[0], parts[1], hPrev, parts[2]);
        for (int b = 0; keep && b < batch; b++) {
          parts[3].view(b * hidden, hidden).copyFrom(parts[1].view((3 * b + 2) * hidden, hidden));
        }
        for (int i = 0; i < 4; i++) {
          assertBitIdentical("gruStep vs its parts B=" + batch + " H=" + hidden + " keep=" + keep,
              parts[i], fused[i]);
        }
      }
    }
  }

  /** Hidden sizes around the 64-column task blocks and the panel widths. */
  static int[] hiddenSizes() {
    return new int[] {1, 3, 7, 17, 33, 64, 65, 100, 130, 257};
  }
}
