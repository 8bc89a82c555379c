package org.rnnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * GEMM with few rows of C (the per-step recurrent products of a small batch, which take the
 * unpacked paths for NT and NN) against the scalar reference, at every n and k of an awkward
 * set and all four transposes: NT and NN with up to 8 rows take the unpacked paths, NN with 9
 * rows the unpacked path when B is small and the packed one when it is not, NT with 9 rows the
 * path that packs only A (when n is at least 8 times m) or the general one, and TN/TT the
 * general one, so every side of each threshold is covered.
 */
class GemmSmallRowsTest extends BaseKernelTestCase {
  private static final int[] ROWS = {1, 2, 3, 5, 7, 8, 9};
  private static final int[] DIMS = {1, 3, 7, 17, 33, 127, 1031};
  private static final float GARBAGE = -7.5f;

  /** Used by the parameterized tests as their argument source. */
  static int[] rows() {
    return ROWS;
  }

  @ParameterizedTest
  @MethodSource("rows")
  void smallRowGemmWithBetaZeroMatchesReferenceAndIgnoresNanInC(int m) {
    for (int n : DIMS) {
      for (int k : DIMS) {
        for (int t = 0; t < 4; t++) {
          boolean ta = (t & 1) != 0;
          boolean tb = (t & 2) != 0;
          SplittableRandom rng = rng(1000L * m + 31L * n + 7L * k + t);
          Tensor a = offsetView(rng, 3, ta ? k : m, ta ? m : k);
          Tensor b = offsetView(rng, 5, tb ? n : k, tb ? k : n);
          Tensor expected = Tensor.zeros(DType.FLOAT32, m, n);
          Tensor nanC = Tensor.zeros(DType.FLOAT32, m, n);
          nanC.fill(Float.NaN);
          Tensor actual = copyAtOffset(nanC, 9);
          String what = describe(ta, tb, m, n, k) + " beta=0";
          SCALAR.gemm(ta, tb, m, n, k, 0.75, a, b, 0.0, expected);
          SIMD.gemm(ta, tb, m, n, k, 0.75, a, b, 0.0, actual);
          assertFalse(actual.firstNonFinite() >= 0, what + ": NaN in C leaked through beta=0");
          assertClose(what, expected, actual, 1e-5 * Math.max(1, k));
          assertSurroundingUntouched(what, actual);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("rows")
  void smallRowGemmWithBetaOneAccumulatesLikeReferenceAndSameBitsOnTwoThreads(int m) {
    for (int n : DIMS) {
      for (int k : DIMS) {
        for (int t = 0; t < 4; t++) {
          boolean ta = (t & 1) != 0;
          boolean tb = (t & 2) != 0;
          SplittableRandom rng = rng(2000L * m + 37L * n + 11L * k + t);
          Tensor a = offsetView(rng, 3, ta ? k : m, ta ? m : k);
          Tensor b = offsetView(rng, 5, tb ? n : k, tb ? k : n);
          Tensor c0 = offsetView(rng, 7, m, n);
          Tensor expected = c0.copy();
          Tensor one = copyAtOffset(c0, 11);
          Tensor two = copyAtOffset(c0, 2);
          String what = describe(ta, tb, m, n, k) + " beta=1";
          SCALAR.gemm(ta, tb, m, n, k, -1.25, a, b, 1.0, expected);
          SIMD.gemm(ta, tb, m, n, k, -1.25, a, b, 1.0, one);
          // 1031 x 1031 with one row is past the serial limit: column blocks go to the pool
          SIMD2.gemm(ta, tb, m, n, k, -1.25, a, b, 1.0, two);
          assertClose(what, expected, one, 1e-5 * Math.max(1, k));
          assertBitIdentical(what + " threads 1 vs 2", one, two);
          assertSurroundingUntouched(what, one);
          assertSurroundingUntouched(what, two);
        }
      }
    }
  }

  @Test
  void wideNtGemmMatchesReferenceAcrossBlocksAndIsBitIdenticalOnTwoThreads() {
    // packs only A: ragged A panels (61 rows), a ragged last 8-row panel of B (531 = 8*66 + 3),
    // k crossing the 256-wide slices; then the per-step shape of B=64, H=256
    int[][] shapes = {{61, 531, 517}, {64, 1024, 256}, {17, 400, 33}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      SplittableRandom rng = rng(m + n + k);
      Tensor a = offsetView(rng, 3, m, k);
      Tensor b = offsetView(rng, 5, n, k);
      Tensor c0 = offsetView(rng, 7, m, n);
      Tensor expected = c0.copy();
      Tensor one = copyAtOffset(c0, 11);
      Tensor two = copyAtOffset(c0, 2);
      String what = describe(false, true, m, n, k) + " beta=0.5";
      SCALAR.gemm(false, true, m, n, k, 0.9, a, b, 0.5, expected);
      SIMD.gemm(false, true, m, n, k, 0.9, a, b, 0.5, one);
      SIMD2.gemm(false, true, m, n, k, 0.9, a, b, 0.5, two);
      assertClose(what, expected, one, 1e-5 * k);
      assertBitIdentical(what + " threads 1 vs 2", one, two);
      assertSurroundingUntouched(what, two);
    }
  }

  @Test
  void unpackedNnSplitIntoColumnBlocksMatchesReferenceAndIsBitIdenticalOnTwoThreads() {
    // the per-step dG·W_hh of B=32, H=128 (2 column blocks of 64), a ragged third block (150),
    // and B=64, H=256; all past the serial limit, so the column blocks go to the pool
    int[][] shapes = {{32, 128, 512}, {32, 150, 512}, {64, 256, 1024}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      SplittableRandom rng = rng(m * 7L + n + k);
      Tensor a = offsetView(rng, 3, m, k);
      Tensor b = offsetView(rng, 5, k, n);
      Tensor c0 = offsetView(rng, 7, m, n);
      Tensor expected = c0.copy();
      Tensor one = copyAtOffset(c0, 11);
      Tensor two = copyAtOffset(c0, 2);
      String what = describe(false, false, m, n, k) + " beta=1";
      SCALAR.gemm(false, false, m, n, k, 1.0, a, b, 1.0, expected);
      SIMD.gemm(false, false, m, n, k, 1.0, a, b, 1.0, one);
      SIMD2.gemm(false, false, m, n, k, 1.0, a, b, 1.0, two);
      assertClose(what, expected, one, 1e-5 * k);
      assertBitIdentical(what + " threads 1 vs 2", one, two);
      assertSurroundingUntouched(what, two);
    }
  }

  private static String describe(boolean ta, boolean tb, int m, int n, int k) {
    return "gemm " + (ta ? 'T' : 'N') + (tb ? 'T' : 'N') + " " + m + "x" + n + "x" + k;
  }

  /** The storage around a {@link #copyAtOffset} view still holds the garbage it was given. */
  private static void assertSurroundingUntouched(String what, Tensor view) {
    float[] storage = view.floats();
    for (int i = 0; i < storage.length; i++) {
      if (i < view.offset() || i >= view.offset() + view.size()) {
        assertEquals(GARBAGE, storage[i], 0f, what + ": wrote outside C at storage index " + i);
      }
    }
  }
}
