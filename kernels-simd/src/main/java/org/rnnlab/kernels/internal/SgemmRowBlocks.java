package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.Sgemm.KC;
import static org.rnnlab.kernels.internal.Sgemm.MC;
import static org.rnnlab.kernels.internal.Sgemm.MR;
import static org.rnnlab.kernels.internal.Sgemm.NC;
import static org.rnnlab.kernels.internal.Sgemm.NR;

/**
 * NN SGEMM with few columns and a long {@code k}: the input gradients {@code dX = dG · W_ih} of
 * all {@code T*B} rows at once ({@code k = G*H}, {@code n} the layer's input size).
 *
 * <p>Each task owns one {@link Sgemm#MC} x {@link Sgemm#NC} block of C for the <b>whole</b> of
 * k: it packs its own rows of {@code op(A)} one k slice at a time into a buffer of its thread,
 * and reads {@code B} where it is stored, because a {@code k x n} row-major B already is the
 * register tile's panel layout with a row stride of {@code n} (only a ragged last panel is
 * copied, zero-padded). The general path's shared packing needs two parallel calls and a
 * barrier per k slice; this one is a single call. 6400x128x1024, one thread, thread CPU time
 * (SgemmCpuTime): 90 GFLOP/s against 75 on the general path; two threads 175 against 152.
 *
 * <p>Not for TN (the weight gradients {@code dG^T · X}): there a task's rows of {@code op(A)}
 * are a 256-byte strip of every stored row of {@code dG}, one page apart, and B read in place
 * at a row stride of 0.5-1 KB falls into a few L1 sets: 1024x256x6400 TN fell from 97 to 62
 * GFLOP/s. The general path packs whole stored rows instead.
 *
 * <p>Every element of C sees the same operations in the same order as on the general path
 * (k slices in order, {@link RegisterTile#merge}'s rule), so the two agree bit for bit, and the
 * result does not depend on the thread count.
 */
final class SgemmRowBlocks {
  private SgemmRowBlocks() {}

  /** Floats of a task's buffer: A rows of one k slice, a ragged B panel, a spill tile. */
  static final int BUFFER = MC * KC + NR * KC + MR * NR;
  private static final int EDGE_PANEL = MC * KC;
  private static final int TILE = EDGE_PANEL + NR * KC;

  /** @return whether the product is better served here than on the general path */
  static boolean suits(boolean transA, boolean transB, int n, int k) {
    return !transA && !transB && n <= NC && k > KC;
  }

  /** @return the number of {@link #block} tasks for {@code m} rows and {@code n} columns */
  static int blocks(int m, int n) {
    return Sgemm.ceilDiv(m, MC) * Sgemm.ceilDiv(n, NC);
  }

  /**
   * Computes block {@code t} of C over all of k.
   *
   * @param buffer this thread's {@link #BUFFER} floats
   */
  static void block(int t, int m, int n, int k, float alpha, float[] a, int ao,
      float[] b, int bo, float beta, float[] c, int co, float[] buffer) {
    int rowBlocks = Sgemm.ceilDiv(m, MC);
    int i0 = (t % rowBlocks) * MC;
    int i1 = Math.min(m, i0 + MC);
    int j0 = (t / rowBlocks) * NC;
    int j1 = Math.min(n, j0 + NC);
    int panelFrom = i0 / MR;
    int panelTo = Sgemm.ceilDiv(i1, MR);
    // the last panel of the block when it is ragged: copied and zero-padded per k slice
    int jEdge = j0 + (j1 - j0) / NR * NR;
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      Packing.panels(false, a, ao, m, k, pc, kc, buffer, MR, panelFrom, panelTo);
      if (jEdge < j1) {
        Packing.panels(true, b, bo, n, k, pc, kc, buffer, NR, jEdge / NR, jEdge / NR + 1,
            EDGE_PANEL);
      }
      boolean first = pc == 0;
      for (int i = i0; i < i1; i += MR) {
        int aOff = (i - i0) * kc;
        int rows = Math.min(MR, m - i);
        for (int j = j0; j < j1; j += NR) {
          boolean ragged = j >= jEdge;
          float[] bs = ragged ? buffer : b;
          int bOff = ragged ? EDGE_PANEL : bo + pc * n + j;
          int ldb = ragged ? NR : n;
          int cols = Math.min(NR, n - j);
          RegisterTile.intoC(buffer, aOff, bs, bOff, ldb, kc, c, co + i * n + j, n, rows, cols,
              alpha, beta, first, buffer, TILE);
        }
      }
    }
  }
}
