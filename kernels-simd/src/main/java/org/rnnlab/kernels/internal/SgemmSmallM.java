package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorMath.fma;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM for a few rows of C without any packing: the per-step recurrent products of a small
 * batch, {@code h·W_hh^T} (NT) and {@code dG·W_hh} (NN), where packing the whole weight matrix
 * for one or a few rows of output costs many times the arithmetic.
 *
 * <ul>
 *   <li><b>NT</b> ({@code transA=false, transB=true}): {@code C[i,j] = dot(A row i, B row j)},
 *       both rows contiguous. Register tiles of up to 4 rows of A x 4 rows of B accumulate
 *       lane-wise over {@code k}; each accumulator is then summed lane by lane in a fixed
 *       order (not {@code reduceLanes}, whose order may differ between interpreted and compiled
 *       code), and the {@code k} tail is added with scalar fma.
 *   <li><b>NN</b> ({@code transA=false, transB=false}): {@code C row i = sum_p A[i,p] B row p},
 *       vectorised over the columns of C, B rows read where they lie. Each C element is one
 *       chain of fma over {@code p = 0..k-1}, the same in vector lanes and scalar tails.
 * </ul>
 *
 * <p>Every C element is computed by the same operations whichever tile covers it, so splitting
 * the columns between threads never changes a bit.
 */
final class SgemmSmallM {
  private SgemmSmallM() {}

  private static final VectorSpecies<Float> S = FLOATS;
  private static final int L = S.length();
  /** Rows (and B rows, for NT) per register tile. */
  private static final int TILE = 4;
  /** Columns of an NN register tile: four vectors. */
  private static final int NN_COLS = TILE * L;
  /** Floats of the accumulator spill buffer a caller provides. */
  static final int BUFFER = TILE * TILE * L;

  /**
   * {@code C[:, jFrom:jTo] = alpha A·B^T + beta C} for {@code A: m x k}, {@code B: n x k},
   * {@code C: m x n}, all row-major at the given offsets. C is not read when beta is 0.
   */
  static void nt(int m, int n, int k, float alpha, float[] a, int ao, float[] b, int bo,
      float beta, float[] c, int co, int jFrom, int jTo, float[] buf) {
    int kv = S.loopBound(k);
    int j = jFrom;
    for (; j + TILE <= jTo; j += TILE) {
      int i = 0;
      for (; i + TILE <= m; i += TILE) {
        dot4x4(a, ao + i * k, b, bo + j * k, k, kv, buf);
        finishDots(TILE, TILE, i, j, n, k, kv, alpha, a, ao, b, bo, beta, c, co, buf);
      }
      for (; i < m; i++) {
        dot1x4(a, ao + i * k, b, bo + j * k, k, kv, buf);
        finishDots(1, TILE, i, j, n, k, kv, alpha, a, ao, b, bo, beta, c, co, buf);
      }
    }
    for (; j < jTo; j++) {
      for (int i = 0; i < m; i++) {
        dot1x1(a, ao + i * k, b, bo + j * k, kv, buf);
        finishDots(1, 1, i, j, n, k, kv, alpha, a, ao, b, bo, beta, c, co, buf);
      }
    }
  }

  /** 4 rows of A against 4 rows of B: 16 lane-wise accumulators over {@code [0, kv)}. */
  private static void dot4x4(float[] a, int ai, float[] b, int bj, int k, int kv, float[] buf) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c12 = FloatVector.zero(S), c13 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c22 = FloatVector.zero(S), c23 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) {
      FloatVector b0 = FloatVector.fromArray(S, b, bj + p);
      FloatVector b1 = FloatVector.fromArray(S, b, bj + k + p);
      FloatVector b2 = FloatVector.fromArray(S, b, bj + 2 * k + p);
      FloatVector b3 = FloatVector.fromArray(S, b, bj + 3 * k + p);
      FloatVector a0 = FloatVector.fromArray(S, a, ai + p);
      c00 = fma(a0, b0, c00);
      c01 = fma(a0, b1, c01);
      c02 = fma(a0, b2, c02);
      c03 = fma(a0, b3, c03);
      FloatVector a1 = FloatVector.fromArray(S, a, ai + k + p);
      c10 = fma(a1, b0, c10);
      c11 = fma(a1, b1, c11);
      c12 = fma(a1, b2, c12);
      c13 = fma(a1, b3, c13);
      FloatVector a2 = FloatVector.fromArray(S, a, ai + 2 * k + p);
      c20 = fma(a2, b0, c20);
      c21 = fma(a2, b1, c21);
      c22 = fma(a2, b2, c22);
      c23 = fma(a2, b3, c23);
      FloatVector a3 = FloatVector.fromArray(S, a, ai + 3 * k + p);
      c30 = fma(a3, b0, c30);
      c31 = fma(a3, b1, c31);
      c32 = fma(a3, b2, c32);
      c33 = fma(a3, b3, c33);
    }
    // spilled raw; the reduction is a separate method so these 16 vectors are never boxed
    c00.intoArray(buf, 0);
    c01.intoArray(buf, L);
    c02.intoArray(buf, 2 * L);
    c03.intoArray(buf, 3 * L);
    c10.intoArray(buf, 4 * L);
    c11.intoArray(buf, 5 * L);
    c12.intoArray(buf, 6 * L);
    c13.intoArray(buf, 7 * L);
    c20.intoArray(buf, 8 * L);
    c21.intoArray(buf, 9 * L);
    c22.intoArray(buf, 10 * L);
    c23.intoArray(buf, 11 * L);
    c30.intoArray(buf, 12 * L);
    c31.intoArray(buf, 13 * L);
    c32.intoArray(buf, 14 * L);
    c33.intoArray(buf, 15 * L);
  }

  /** One row of A against 4 rows of B. */
  private static void dot1x4(float[] a, int ai, float[] b, int bj, int k, int kv, float[] buf) {
    FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
    FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) {
      FloatVector a0 = FloatVector.fromArray(S, a, ai + p);
      c0 = fma(a0, FloatVector.fromArray(S, b, bj + p), c0);
      c1 = fma(a0, FloatVector.fromArray(S, b, bj + k + p), c1);
      c2 = fma(a0, FloatVector.fromArray(S, b, bj + 2 * k + p), c2);
      c3 = fma(a0, FloatVector.fromArray(S, b, bj + 3 * k + p), c3);
    }
    c0.intoArray(buf, 0);
    c1.intoArray(buf, L);
    c2.intoArray(buf, 2 * L);
    c3.intoArray(buf, 3 * L);
  }

  /** One row of A against one row of B. */
  private static void dot1x1(float[] a, int ai, float[] b, int bj, int kv, float[] buf) {
    FloatVector c0 = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) {
      c0 = fma(FloatVector.fromArray(S, a, ai + p), FloatVector.fromArray(S, b, bj + p), c0);
    }
    c0.intoArray(buf, 0);
  }

  /**
   * Reduces the spilled {@code rows x cols} accumulators (accumulator {@code r * cols + q} at
   * {@code buf[(r * cols + q) * L]}), adds the scalar {@code k} tail and merges into C.
   */
  private static void finishDots(int rows, int cols, int i, int j, int n, int k, int kv,
      float alpha, float[] a, int ao, float[] b, int bo, float beta, float[] c, int co,
      float[] buf) {
    for (int r = 0; r < rows; r++) {
      int aRow = ao + (i + r) * k;
      for (int q = 0; q < cols; q++) {
        float s = sumLanes(buf, (r * cols + q) * L);
        int bRow = bo + (j + q) * k;
        for (int p = kv; p < k; p++) {
          s = fma(a[aRow + p], b[bRow + p], s);
        }
        int idx = co + (i + r) * n + j + q;
        c[idx] = RegisterTile.merge(s, c, idx, alpha, beta, true);
      }
    }
  }

  /**
   * Sum of the {@code L} floats at {@code t[off]} in an order fixed by {@code L} alone: groups
   * of four summed pairwise, groups added front to back (L is a multiple of 4).
   */
  private static float sumLanes(float[] t, int off) {
    float s = (t[off] + t[off + 1]) + (t[off + 2] + t[off + 3]);
    for (int q = off + 4; q < off + L; q += 4) {
      s += (t[q] + t[q + 1]) + (t[q + 2] + t[q + 3]);
    }
    return s;
  }

  /**
   * {@code C[:, jFrom:jTo] = alpha A·B + beta C} for {@code A: m x k}, {@code B: k x n},
   * {@code C: m x n}, all row-major at the given offsets. C is not read when beta is 0.
   */
  static void nn(int m, int n, int k, float alpha, float[] a, int ao, float[] b, int bo,
      float beta, float[] c, int co, int jFrom, int jTo, float[] buf) {
    int j = jFrom;
    for (; j + NN_COLS <= jTo; j += NN_COLS) {
      int i = 0;
      for (; i + TILE <= m; i += TILE) {
        axpy4x4(a, ao + i * k, k, b, bo + j, n, buf);
        mergeRows(TILE, TILE, buf, c, co + i * n + j, n, alpha, beta);
      }
      for (; i < m; i++) {
        axpy1x4(a, ao + i * k, k, b, bo + j, n, buf);
        mergeRows(1, TILE, buf, c, co + i * n + j, n, alpha, beta);
      }
    }
    for (; j + L <= jTo; j += L) {
      for (int i = 0; i < m; i++) {
        axpy1x1(a, ao + i * k, k, b, bo + j, n, buf);
        mergeRows(1, 1, buf, c, co + i * n + j, n, alpha, beta);
      }
    }
    // scalar columns: the same fma chain a vector lane runs
    for (; j < jTo; j++) {
      for (int i = 0; i < m; i++) {
        float s = 0f;
        int aRow = ao + i * k;
        for (int p = 0; p < k; p++) {
          s = fma(a[aRow + p], b[bo + p * n + j], s);
        }
        int idx = co + i * n + j;
        c[idx] = RegisterTile.merge(s, c, idx, alpha, beta, true);
      }
    }
  }

  /** 4 rows of C x 4 vectors of columns, over all of {@code k}. */
  private static void axpy4x4(float[] a, int ai, int k, float[] b, int bj, int n, float[] buf) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c12 = FloatVector.zero(S), c13 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c22 = FloatVector.zero(S), c23 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      int row = bj + p * n;
      FloatVector b0 = FloatVector.fromArray(S, b, row);
      FloatVector b1 = FloatVector.fromArray(S, b, row + L);
      FloatVector b2 = FloatVector.fromArray(S, b, row + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, b, row + 3 * L);
      FloatVector a0 = FloatVector.broadcast(S, a[ai + p]);
      c00 = fma(a0, b0, c00);
      c01 = fma(a0, b1, c01);
      c02 = fma(a0, b2, c02);
      c03 = fma(a0, b3, c03);
      FloatVector a1 = FloatVector.broadcast(S, a[ai + k + p]);
      c10 = fma(a1, b0, c10);
      c11 = fma(a1, b1, c11);
      c12 = fma(a1, b2, c12);
      c13 = fma(a1, b3, c13);
      FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * k + p]);
      c20 = fma(a2, b0, c20);
      c21 = fma(a2, b1, c21);
      c22 = fma(a2, b2, c22);
      c23 = fma(a2, b3, c23);
      FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * k + p]);
      c30 = fma(a3, b0, c30);
      c31 = fma(a3, b1, c31);
      c32 = fma(a3, b2, c32);
      c33 = fma(a3, b3, c33);
    }
    c00.intoArray(buf, 0);
    c01.intoArray(buf, L);
    c02.intoArray(buf, 2 * L);
    c03.intoArray(buf, 3 * L);
    c10.intoArray(buf, 4 * L);
    c11.intoArray(buf, 5 * L);
    c12.intoArray(buf, 6 * L);
    c13.intoArray(buf, 7 * L);
    c20.intoArray(buf, 8 * L);
    c21.intoArray(buf, 9 * L);
    c22.intoArray(buf, 10 * L);
    c23.intoArray(buf, 11 * L);
    c30.intoArray(buf, 12 * L);
    c31.intoArray(buf, 13 * L);
    c32.intoArray(buf, 14 * L);
    c33.intoArray(buf, 15 * L);
  }

  /** One row of C x 4 vectors of columns. */
  private static void axpy1x4(float[] a, int ai, int k, float[] b, int bj, int n, float[] buf) {
    FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
    FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      int row = bj + p * n;
      FloatVector a0 = FloatVector.broadcast(S, a[ai + p]);
      c0 = fma(a0, FloatVector.fromArray(S, b, row), c0);
      c1 = fma(a0, FloatVector.fromArray(S, b, row + L), c1);
      c2 = fma(a0, FloatVector.fromArray(S, b, row + 2 * L), c2);
      c3 = fma(a0, FloatVector.fromArray(S, b, row + 3 * L), c3);
    }
    c0.intoArray(buf, 0);
    c1.intoArray(buf, L);
    c2.intoArray(buf, 2 * L);
    c3.intoArray(buf, 3 * L);
  }

  /** One row of C x one vector of columns. */
  private static void axpy1x1(float[] a, int ai, int k, float[] b, int bj, int n, float[] buf) {
    FloatVector c0 = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      c0 = fma(FloatVector.broadcast(S, a[ai + p]), FloatVector.fromArray(S, b, bj + p * n), c0);
    }
    c0.intoArray(buf, 0);
  }

  /** Merges {@code rows x vectors} spilled accumulators (row-major in {@code buf}) into C. */
  private static void mergeRows(int rows, int vectors, float[] buf, float[] c, int cOff, int ldc,
      float alpha, float beta) {
    FloatVector va = FloatVector.broadcast(S, alpha);
    FloatVector vb = FloatVector.broadcast(S, beta);
    for (int r = 0; r < rows; r++) {
      for (int v = 0; v < vectors; v++) {
        FloatVector acc = FloatVector.fromArray(S, buf, (r * vectors + v) * L).mul(va);
        int off = cOff + r * ldc + v * L;
        (beta == 0f ? acc : fma(FloatVector.fromArray(S, c, off), vb, acc)).intoArray(c, off);
      }
    }
  }
}
