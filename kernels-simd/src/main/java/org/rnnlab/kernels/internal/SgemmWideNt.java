package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.Sgemm.KC;
import static org.rnnlab.kernels.internal.Sgemm.MR;
import static org.rnnlab.kernels.internal.Sgemm.NR;
import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorMath.fma;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = alpha A·B^T + beta C} (NT) when C has fewer rows than columns, as in the
 * per-step {@code h·W_hh^T} of a batch of 16-64: computed as {@code C^T = B·A^T} so that only
 * the small A is packed (transposed into {@link Sgemm#NR}-wide panels), while the large B is
 * read where it lies. Packing B instead (the general path) transposes the whole weight matrix
 * on every call, which cost about a third of the time at 64 x 1024 x 256.
 *
 * <p>The register tile {@code gemm8x2Direct} is {@code Sgemm}'s 8 x 2-vector tile with the
 * broadcast operand taken from 8 rows of B (stride {@code k}); its output is a tile of
 * {@code C^T}, written into C transposed. Blocks of {@link #JB} columns of C are the tasks,
 * the k slices run in the same order in each, so results do not depend on the thread count.
 */
final class SgemmWideNt {
  private SgemmWideNt() {}

  private static final VectorSpecies<Float> S = FLOATS;
  private static final int L = S.length();
  /** Columns of C (rows of B) per task. */
  static final int JB = 64;

  /**
   * The columns {@code [block * JB, (block + 1) * JB)} of C, with {@code pa} holding A packed
   * by {@code Packing.transposed(a, ao, m, k, pa, NR, ...)}.
   */
  static void block(int block, int m, int n, int k, float alpha, float[] pa, float[] b, int bo,
      float beta, float[] c, int co, float[] tile) {
    int j1 = Math.min(n, (block + 1) * JB);
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      boolean first = pc == 0;
      for (int j = block * JB; j < j1; j += MR) {
        int rows = Math.min(MR, n - j);
        // a ragged last panel repeats its last row of B; those results are discarded
        int r0 = bo + j * k + pc;
        int last = rows - 1;
        for (int i = 0; i < m; i += NR) {
          gemm8x2Direct(b, r0, Math.min(1, last) * k, Math.min(2, last) * k,
              Math.min(3, last) * k, Math.min(4, last) * k, Math.min(5, last) * k,
              Math.min(6, last) * k, Math.min(7, last) * k,
              pa, i * k + pc * NR, kc, tile);
          mergeTransposed(tile, rows, Math.min(NR, m - i), c, co + i * n + j, n, alpha, beta,
              first);
        }
      }
    }
  }

  /**
   * 8 rows of B (at {@code b[r0]}, {@code b[r0 + d1]}, ...) times 2 vectors of packed A^T over
   * one k slice: {@code tile[r][lane] = sum_p B[j + r, p] A[i + lane, p]}.
   */
  private static void gemm8x2Direct(float[] b, int r0, int d1, int d2, int d3, int d4, int d5,
      int d6, int d7, float[] pa, int aOff, int kc, float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
    FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
    for (int p = 0; p < kc; p++) {
      int ai = aOff + p * NR;
      int bp = r0 + p;
      FloatVector a0 = FloatVector.fromArray(S, pa, ai);
      FloatVector a1 = FloatVector.fromArray(S, pa, ai + L);
      FloatVector b0 = FloatVector.broadcast(S, b[bp]);
      c00 = fma(b0, a0, c00);
      c01 = fma(b0, a1, c01);
      FloatVector b1 = FloatVector.broadcast(S, b[bp + d1]);
      c10 = fma(b1, a0, c10);
      c11 = fma(b1, a1, c11);
      FloatVector b2 = FloatVector.broadcast(S, b[bp + d2]);
      c20 = fma(b2, a0, c20);
      c21 = fma(b2, a1, c21);
      FloatVector b3 = FloatVector.broadcast(S, b[bp + d3]);
      c30 = fma(b3, a0, c30);
      c31 = fma(b3, a1, c31);
      FloatVector b4 = FloatVector.broadcast(S, b[bp + d4]);
      c40 = fma(b4, a0, c40);
      c41 = fma(b4, a1, c41);
      FloatVector b5 = FloatVector.broadcast(S, b[bp + d5]);
      c50 = fma(b5, a0, c50);
      c51 = fma(b5, a1, c51);
      FloatVector b6 = FloatVector.broadcast(S, b[bp + d6]);
      c60 = fma(b6, a0, c60);
      c61 = fma(b6, a1, c61);
      FloatVector b7 = FloatVector.broadcast(S, b[bp + d7]);
      c70 = fma(b7, a0, c70);
      c71 = fma(b7, a1, c71);
    }
    // spilled raw; the merge takes no vectors, so C2 never boxes these 16 accumulators
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
    c40.intoArray(tile, 4 * NR);
    c41.intoArray(tile, 4 * NR + L);
    c50.intoArray(tile, 5 * NR);
    c51.intoArray(tile, 5 * NR + L);
    c60.intoArray(tile, 6 * NR);
    c61.intoArray(tile, 6 * NR + L);
    c70.intoArray(tile, 7 * NR);
    c71.intoArray(tile, 7 * NR + L);
  }

  /**
   * The valid {@code rows x cols} of a {@code C^T} tile into C at {@code cOff} (row {@code i},
   * column {@code j}), with {@code Sgemm}'s merge rule: {@code C = alpha acc + beta C} on the
   * first k slice (C unread when beta is 0), {@code C += alpha acc} after.
   */
  private static void mergeTransposed(float[] tile, int rows, int cols, float[] c, int cOff,
      int ldc, float alpha, float beta, boolean first) {
    for (int lane = 0; lane < cols; lane++) {
      int row = cOff + lane * ldc;
      for (int r = 0; r < rows; r++) {
        int idx = row + r;
        c[idx] = RegisterTile.merge(tile[r * NR + lane], c, idx, alpha, beta, first);
      }
    }
  }
}
