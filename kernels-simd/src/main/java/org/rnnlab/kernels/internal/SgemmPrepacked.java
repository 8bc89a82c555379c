package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.Sgemm.KC;
import static org.rnnlab.kernels.internal.Sgemm.MR;
import static org.rnnlab.kernels.internal.Sgemm.NR;
import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorMath.fma;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = beta C + A · op(W)} with {@code op(W) [k x n]} packed once ({@link #pack}) into
 * {@link Sgemm#NR}-wide panels over the whole of {@code k}, as the recurrent weight of every time
 * step of a sequence: the per-step call then packs nothing. {@code A [m x k]} is read where it
 * lies (its 8 rows broadcast straight from memory, like {@link SgemmWideNt}'s B); the 8 x 2-vector
 * register tile accumulates straight in C.
 *
 * <p>{@link #columns} computes any column range of C; callers split C into column blocks, one
 * task each. Every element of C sees the same operations (k slices in order, each an FMA chain
 * starting from the previous value) whichever range or tile covers it, so results do not depend
 * on the split.
 */
final class SgemmPrepacked {
  private SgemmPrepacked() {}

  private static final VectorSpecies<Float> S = FLOATS;
  private static final int L = S.length();

  /** @return floats {@link #pack} writes for {@code op(W) [k x n]} */
  static long packedSize(int n, int k) {
    return (long) Sgemm.ceilDiv(n, NR) * NR * k;
  }

  /**
   * Packs panels {@code [panelFrom, panelTo)} of {@code op(W)}: panel {@code q} (columns
   * {@code [q NR, (q+1) NR)}, zero-padded past {@code n}) at {@code q * NR * k}, laid out
   * {@code [p][lane]}.
   *
   * @param transposed {@code W} is stored {@code [n x k]} (else {@code [k x n]})
   */
  static void pack(float[] w, int wo, boolean transposed, int n, int k, float[] packed,
      int panelFrom, int panelTo) {
    if (transposed) {
      Packing.transposed(w, wo, n, k, packed, NR, panelFrom, panelTo);
      return;
    }
    for (int q = panelFrom; q < panelTo; q++) {
      int j0 = q * NR;
      int valid = Math.min(NR, n - j0);
      int base = j0 * k;
      for (int p = 0; p < k; p++) {
        int d = base + p * NR;
        System.arraycopy(w, wo + p * n + j0, packed, d, valid);
        if (valid < NR) {
          Arrays.fill(packed, d + valid, d + NR, 0f);
        }
      }
    }
  }

  /**
   * Columns {@code [from, to)} of {@code C [m x n] = beta C + A · op(W)}: {@code A} at
   * {@code a[ao]} row-major {@code [m x k]}, {@code pw} from {@link #pack}, {@code tile} a
   * scratch of at least {@code MR * NR} floats. With {@code beta == 0} the old C is not read.
   */
  static void columns(int m, int n, int k, float[] a, int ao, float[] pw, float beta, float[] c,
      int co, int from, int to, float[] tile) {
    if (beta != 0f && beta != 1f) {
      // C = beta C first, then the product accumulates as for beta = 1
      for (int i = 0; i < m; i++) {
        for (int j = from; j < to; j++) {
          c[co + i * n + j] *= beta;
        }
      }
      beta = 1f;
    }
    int firstPanel = from - from % NR;
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      boolean load = pc > 0 || beta != 0f;
      for (int i = 0; i < m; i += MR) {
        int rows = Math.min(MR, m - i);
        int last = rows - 1;
        // a ragged last row panel repeats its last row of A; those results are discarded
        int r0 = ao + i * k + pc;
        int d1 = Math.min(1, last) * k;
        int d2 = Math.min(2, last) * k;
        int d3 = Math.min(3, last) * k;
        int d4 = Math.min(4, last) * k;
        int d5 = Math.min(5, last) * k;
        int d6 = Math.min(6, last) * k;
        int d7 = Math.min(7, last) * k;
        for (int j = firstPanel; j < to; j += NR) {
          int bOff = j * k + pc * NR;
          int c0 = Math.max(from, j);
          int c1 = Math.min(to, j + NR);
          int cRow = co + i * n;
          if (rows == MR && c0 == j && c1 == j + NR) {
            gemm8x2(a, r0, d1, d2, d3, d4, d5, d6, d7, pw, bOff, kc, c, cRow + j, n, load);
          } else {
            RegisterTile.copyEdge(c, cRow + c0, n, tile, c0 - j, NR, rows, c1 - c0, load);
            gemm8x2(a, r0, d1, d2, d3, d4, d5, d6, d7, pw, bOff, kc, tile, 0, NR, true);
            RegisterTile.copyEdge(tile, c0 - j, NR, c, cRow + c0, n, rows, c1 - c0, true);
          }
        }
      }
    }
  }

  /**
   * 8 rows of A (at {@code a[r0]}, {@code a[r0 + d1]}, ...) times one packed 2-vector panel over
   * one k slice, accumulated into {@code out} (row stride {@code ldo}), starting from its
   * contents when {@code load}, else from zero. The vectors never leave this method (see
   * {@code RegisterTile.gemm8x2}).
   */
  private static void gemm8x2(float[] a, int r0, int d1, int d2, int d3, int d4, int d5, int d6,
      int d7, float[] pw, int bOff, int kc, float[] out, int o, int ldo, boolean load) {
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
      int bi = bOff + p * NR;
      int ap = r0 + p;
      FloatVector b0 = FloatVector.fromArray(S, pw, bi);
      FloatVector b1 = FloatVector.fromArray(S, pw, bi + L);
      FloatVector a0 = FloatVector.broadcast(S, a[ap]);
      c00 = fma(a0, b0, c00);
      c01 = fma(a0, b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, a[ap + d1]);
      c10 = fma(a1, b0, c10);
      c11 = fma(a1, b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, a[ap + d2]);
      c20 = fma(a2, b0, c20);
      c21 = fma(a2, b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, a[ap + d3]);
      c30 = fma(a3, b0, c30);
      c31 = fma(a3, b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, a[ap + d4]);
      c40 = fma(a4, b0, c40);
      c41 = fma(a4, b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, a[ap + d5]);
      c50 = fma(a5, b0, c50);
      c51 = fma(a5, b1, c51);
      FloatVector a6 = FloatVector.broadcast(S, a[ap + d6]);
      c60 = fma(a6, b0, c60);
      c61 = fma(a6, b1, c61);
      FloatVector a7 = FloatVector.broadcast(S, a[ap + d7]);
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
}
