package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.Sgemm.MR;
import static org.rnnlab.kernels.internal.Sgemm.NR;
import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorMath.fma;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Sgemm#MR} x {@link Sgemm#NR} register tile of the packed SGEMM paths and the rule by
 * which a finished tile enters C. Every path that computes an element of C through a tile (or
 * its scalar edge twin) uses these, which is what makes the paths agree bit for bit: on the
 * first k slice {@code C = alpha acc + beta C} (C unread when beta is 0), on later slices
 * {@code C += alpha acc}.
 */
final class RegisterTile {
  private RegisterTile() {}

  private static final VectorSpecies<Float> S = FLOATS;
  private static final int L = S.length();

  /**
   * The {@code rows x cols} tile of C at {@code c[cOff]} (row stride {@code ldc}) over one k
   * slice of packed A ({@code pa[aOff]}) and B ({@code pb[bOff]}, stride {@code ldb}), by the
   * packed paths' shared rule: with alpha 1 (and, on the first slice, beta 0) a full tile
   * accumulates straight in C, an edge tile through the spill tile {@code tile[t]}; otherwise the
   * product goes to the spill tile and is merged ({@link #mergeTile}). Every element of C sees
   * the same operations whichever path or tile covers it.
   */
  static void intoC(float[] pa, int aOff, float[] pb, int bOff, int ldb, int kc, float[] c,
      int cOff, int ldc, int rows, int cols, float alpha, float beta, boolean first,
      float[] tile, int t) {
    if (alpha != 1f || first && beta != 0f) {
      gemm8x2(pa, aOff, pb, bOff, ldb, kc, tile, t, NR, false);
      mergeTile(tile, t, rows, cols, c, cOff, ldc, alpha, beta, first);
    } else if (rows == MR && cols == NR) {
      gemm8x2(pa, aOff, pb, bOff, ldb, kc, c, cOff, ldc, !first);
    } else {
      copyEdge(c, cOff, ldc, tile, t, NR, rows, cols, !first);
      gemm8x2(pa, aOff, pb, bOff, ldb, kc, tile, t, NR, !first);
      copyEdge(tile, t, NR, c, cOff, ldc, rows, cols, true);
    }
  }

  /**
   * Copies the {@code rows x cols} corner of a tile between C and the spill buffer; with
   * {@code values} false only zeroes the destination.
   */
  static void copyEdge(float[] src, int so, int lds, float[] dst, int dOff, int ldd,
      int rows, int cols, boolean values) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        dst[dOff + r * ldd + j] = values ? src[so + r * lds + j] : 0f;
      }
    }
  }

  /**
   * The 8 x 2-vector register tile over one k slice: accumulators start at zero, or from
   * {@code out} when {@code load}, and end in {@code out} (row stride {@code ldo}). {@code pa}
   * is a packed A micro-panel; B is read {@code ldb} floats apart per step of k: {@link #NR} for
   * a packed panel, the row length for a row-major {@code k x n} B read in place. Vectors never
   * leave this method: passed to a helper, C2 boxes them once the helper outgrows its inlining
   * budget (NodeCountInliningCutoff).
   */
  static void gemm8x2(float[] pa, int aOff, float[] pb, int bOff, int ldb, int kc, float[] out,
      int o, int ldo, boolean load) {
    FloatVector z = FloatVector.zero(S);
    int o1 = o + ldo;
    int o2 = o1 + ldo;
    int o3 = o2 + ldo;
    int o4 = o3 + ldo;
    int o5 = o4 + ldo;
    int o6 = o5 + ldo;
    int o7 = o6 + ldo;
    FloatVector c00 = load ? FloatVector.fromArray(S, out, o) : z;
    FloatVector c01 = load ? FloatVector.fromArray(S, out, o + L) : z;
    FloatVector c10 = load ? FloatVector.fromArray(S, out, o1) : z;
    FloatVector c11 = load ? FloatVector.fromArray(S, out, o1 + L) : z;
    FloatVector c20 = load ? FloatVector.fromArray(S, out, o2) : z;
    FloatVector c21 = load ? FloatVector.fromArray(S, out, o2 + L) : z;
    FloatVector c30 = load ? FloatVector.fromArray(S, out, o3) : z;
    FloatVector c31 = load ? FloatVector.fromArray(S, out, o3 + L) : z;
    FloatVector c40 = load ? FloatVector.fromArray(S, out, o4) : z;
    FloatVector c41 = load ? FloatVector.fromArray(S, out, o4 + L) : z;
    FloatVector c50 = load ? FloatVector.fromArray(S, out, o5) : z;
    FloatVector c51 = load ? FloatVector.fromArray(S, out, o5 + L) : z;
    FloatVector c60 = load ? FloatVector.fromArray(S, out, o6) : z;
    FloatVector c61 = load ? FloatVector.fromArray(S, out, o6 + L) : z;
    FloatVector c70 = load ? FloatVector.fromArray(S, out, o7) : z;
    FloatVector c71 = load ? FloatVector.fromArray(S, out, o7 + L) : z;
    for (int p = 0; p < kc; p++) {
      int bi = bOff + p * ldb;
      int ai = aOff + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, pb, bi);
      FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
      FloatVector a0 = FloatVector.broadcast(S, pa[ai]);
      c00 = fma(a0, b0, c00);
      c01 = fma(a0, b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, pa[ai + 1]);
      c10 = fma(a1, b0, c10);
      c11 = fma(a1, b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, pa[ai + 2]);
      c20 = fma(a2, b0, c20);
      c21 = fma(a2, b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, pa[ai + 3]);
      c30 = fma(a3, b0, c30);
      c31 = fma(a3, b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, pa[ai + 4]);
      c40 = fma(a4, b0, c40);
      c41 = fma(a4, b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, pa[ai + 5]);
      c50 = fma(a5, b0, c50);
      c51 = fma(a5, b1, c51);
      FloatVector a6 = FloatVector.broadcast(S, pa[ai + 6]);
      c60 = fma(a6, b0, c60);
      c61 = fma(a6, b1, c61);
      FloatVector a7 = FloatVector.broadcast(S, pa[ai + 7]);
      c70 = fma(a7, b0, c70);
      c71 = fma(a7, b1, c71);
    }
    c00.intoArray(out, o);
    c01.intoArray(out, o + L);
    c10.intoArray(out, o1);
    c11.intoArray(out, o1 + L);
    c20.intoArray(out, o2);
    c21.intoArray(out, o2 + L);
    c30.intoArray(out, o3);
    c31.intoArray(out, o3 + L);
    c40.intoArray(out, o4);
    c41.intoArray(out, o4 + L);
    c50.intoArray(out, o5);
    c51.intoArray(out, o5 + L);
    c60.intoArray(out, o6);
    c61.intoArray(out, o6 + L);
    c70.intoArray(out, o7);
    c71.intoArray(out, o7 + L);
  }

  /** Merges the valid {@code rows x cols} of the tile at {@code tile[t]} into C. */
  private static void mergeTile(float[] tile, int t, int rows, int cols, float[] c, int cOff, int ldc,
      float alpha, float beta, boolean first) {
    if (rows == MR && cols == NR) {
      mergeFull(tile, t, c, cOff, ldc, alpha, beta, first);
    } else {
      mergeEdge(tile, t, rows, cols, c, cOff, ldc, alpha, beta, first);
    }
  }

  /**
   * A full tile into C: on the first k slice {@code C = alpha acc + beta C} (C unread when beta
   * is 0, so NaN there is ignored), on later slices {@code C += alpha acc}.
   */
  private static void mergeFull(float[] tile, int t, float[] c, int cOff, int ldc,
      float alpha, float beta, boolean first) {
    FloatVector va = FloatVector.broadcast(S, alpha);
    FloatVector vb = FloatVector.broadcast(S, beta);
    for (int r = 0; r < MR; r++) {
      for (int v = 0; v < NR; v += L) {
        FloatVector acc = FloatVector.fromArray(S, tile, t + r * NR + v);
        int off = cOff + r * ldc + v;
        FloatVector out;
        if (!first) {
          out = fma(acc, va, FloatVector.fromArray(S, c, off));
        } else if (beta == 0f) {
          out = acc.mul(va);
        } else {
          out = fma(FloatVector.fromArray(S, c, off), vb, acc.mul(va));
        }
        out.intoArray(c, off);
      }
    }
  }

  /** Scalar twin of {@link #mergeFull} for the valid {@code rows x cols} part of an edge tile. */
  private static void mergeEdge(float[] tile, int t, int rows, int cols, float[] c, int cOff,
      int ldc, float alpha, float beta, boolean first) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        int idx = cOff + r * ldc + j;
        c[idx] = merge(tile[t + r * NR + j], c, idx, alpha, beta, first);
      }
    }
  }

  /**
   * The scalar merge rule of every GEMM path for one element of C: on the first (or only) k
   * slice {@code alpha acc + beta C}, with C unread when beta is 0 (so NaN there is ignored); on
   * later slices {@code C + alpha acc}.
   *
   * @return the new value of {@code c[idx]}
   */
  static float merge(float acc, float[] c, int idx, float alpha, float beta, boolean first) {
    if (!first) {
      return fma(acc, alpha, c[idx]);
    }
    return beta == 0f ? acc * alpha : fma(c[idx], beta, acc * alpha);
  }

}
