package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.Sgemm.MR;

import java.util.Arrays;

/**
 * Packing of SGEMM operands into the register tiles' panel layout: panel {@code q} of
 * {@code width} columns holds, for each {@code p} of a k slice, {@code width} consecutive
 * floats ({@code [p][lane]}), zero-padded past the last column, so the micro-kernels read both
 * operands front to back whatever the transposes. An operand stored {@code k x cols} is packed
 * by copying runs of each stored row ({@link #runs}); one stored {@code cols x k} is transposed
 * ({@link #transposed}). Work is cut into tasks ({@link #tasks}, {@link #slice}) that write
 * disjoint parts of the packed buffer.
 */
final class Packing {
  private Packing() {}

  /** Rows of k transposed at a time, so the 8 KB-32 KB panel slice being written stays in L1. */
  private static final int TRANSPOSE_SLICE = 64;
  /** Stored rows per packing task when rows are copied as contiguous runs. */
  private static final int PACK_ROWS = 32;
  /** Micro-panels per packing task when panels are transposed. */
  private static final int PACK_PANELS = 8;

  /**
   * @return how many {@link #slice} tasks pack a slice of {@code kc} steps of an operand with
   *     {@code panels} panels: by stored rows when {@code runs}, else by groups of panels
   */
  static int tasks(boolean runs, int kc, int panels) {
    return runs ? Sgemm.ceilDiv(kc, PACK_ROWS) : Sgemm.ceilDiv(panels, PACK_PANELS);
  }

  /**
   * Runs packing task {@code task} of the k slice {@code [p0, p0 + kc)} of an operand with
   * {@code cols} columns after transposition: stored {@code k x cols} when {@code runs} (A
   * transposed, B not; tasks of {@link #PACK_ROWS} stored rows), else {@code cols x k} (tasks of
   * {@link #PACK_PANELS} panels).
   */
  static void slice(boolean runs, float[] src, int so, int cols, int k, int p0,
      int kc, float[] packed, int width, int panels, int task) {
    slice(runs, src, so, cols, runs ? cols : k, p0, kc, packed, 0, width, panels, task);
  }

  /**
   * {@link #slice} into {@code packed} from index {@code at}, for an operand whose stored rows
   * are {@code ld} apart: {@code cols} for a whole {@code k x cols} matrix when {@code runs},
   * {@code k} for a whole {@code cols x k} one, more for a block of a wider matrix's columns.
   */
  static void slice(boolean runs, float[] src, int so, int cols, int ld, int p0,
      int kc, float[] packed, int at, int width, int panels, int task) {
    if (runs) {
      runs(src, so, cols, ld, p0, kc, packed, at, width, task * PACK_ROWS,
          Math.min(kc, (task + 1) * PACK_ROWS));
    } else {
      transposed(src, so, cols, ld, p0, kc, packed, at, width, task * PACK_PANELS,
          Math.min(panels, (task + 1) * PACK_PANELS));
    }
  }

  /**
   * Packs panels {@code [panelFrom, panelTo)} of the slice {@code [p0, p0 + kc)} (stored
   * {@code k x cols} when {@code runs}, else {@code cols x k}) into {@code packed} from index
   * {@code at}, panel {@code panelFrom} first: the part of one task's rows or columns, in a
   * buffer of its own.
   */
  static void panels(boolean runs, float[] src, int so, int cols, int k, int p0, int kc,
      float[] packed, int width, int panelFrom, int panelTo, int at) {
    int shift = at - panelFrom * width * kc;
    if (runs) {
      for (int p = 0; p < kc; p++) {
        int row = so + (p0 + p) * cols;
        for (int q = panelFrom; q < panelTo; q++) {
          int j0 = q * width;
          copyRun(src, row + j0, packed, shift + j0 * kc + p * width,
              Math.min(width, cols - j0), width);
        }
      }
    } else {
      transposed(src, so, cols, k, p0, kc, packed, shift, width, panelFrom, panelTo);
    }
  }

  /** {@link #panels} from index 0. */
  static void panels(boolean runs, float[] src, int so, int cols, int k, int p0, int kc,
      float[] packed, int width, int panelFrom, int panelTo) {
    panels(runs, src, so, cols, k, p0, kc, packed, width, panelFrom, panelTo, 0);
  }

  /**
   * Packs rows {@code [pFrom, pTo)} of the slice {@code [p0, p0 + kc)} of a matrix stored
   * {@code k x cols} (A when transposed, B when not; stored rows {@code ld} apart) into panels
   * of {@code width} columns, {@code packed[panel][p - p0][lane]}: each stored row is read once,
   * front to back (a long sequential read the prefetcher follows; for runs of 8, eight rows side
   * by side), and split into runs of {@code width}.
   */
  private static void runs(float[] src, int so, int cols, int ld, int p0, int kc, float[] packed,
      int at, int width, int pFrom, int pTo) {
    // runs of 8 (A's micro-panels) in tiles of 8 stored rows x all panels, eight plain
    // assignments per run. Row by row, one row's runs went to panels 8*kc floats apart (a power
    // of two: the same L1 set for every panel) through copyRun's loop: packing c's T*B x 4H gate
    // gradients took 5.7 ms, three times an arraycopy of the same 26 MB. Panel by panel over a
    // task's 32 rows, the reads alias instead when a row is 4 or 8 KB long. Eight rows are read
    // side by side (eight lines of one set fit its eight ways) and each panel gets 64
    // contiguous floats: 2.6 ms. Wider runs (B's panels) stay row by row: panel by panel they
    // took twice as long.
    int whole = width == 8 ? cols - cols % 8 : 0;
    int rows8 = whole > 0 ? pFrom + (pTo - pFrom) / 8 * 8 : pFrom;
    for (int p8 = pFrom; p8 < rows8; p8 += 8) {
      int s0 = so + (p0 + p8) * ld;
      for (int j0 = 0; j0 < whole; j0 += 8) {
        int d = at + j0 * kc + p8 * 8;
        for (int r = 0, s = s0 + j0; r < 8; r++, s += ld, d += 8) {
          packed[d] = src[s];
          packed[d + 1] = src[s + 1];
          packed[d + 2] = src[s + 2];
          packed[d + 3] = src[s + 3];
          packed[d + 4] = src[s + 4];
          packed[d + 5] = src[s + 5];
          packed[d + 6] = src[s + 6];
          packed[d + 7] = src[s + 7];
        }
      }
    }
    // what the tiles left: a ragged last run of every row, all runs of the last kc % 8 rows
    for (int p = pFrom; p < pTo; p++) {
      int row = so + (p0 + p) * ld;
      for (int j0 = p < rows8 ? whole : 0; j0 < cols; j0 += width) {
        copyRun(src, row + j0, packed, at + j0 * kc + p * width, Math.min(width, cols - j0),
            width);
      }
    }
  }

  /**
   * {@link #transposed(float[], int, int, int, int, int, float[], int, int, int)} over the
   * whole of k.
   */
  static void transposed(float[] src, int so, int cols, int k, float[] packed,
      int width, int panelFrom, int panelTo) {
    transposed(src, so, cols, k, 0, k, packed, 0, width, panelFrom, panelTo);
  }

  /**
   * Packs the slice {@code [p0, p0 + kc)} of a matrix stored {@code cols x k} (A when not
   * transposed, B when transposed) into the same panel layout, for panels
   * {@code [panelFrom, panelTo)}, panel {@code q} at {@code shift + q * width * kc}: a
   * transpose, done in slices of k so the panel slice being written stays in L1.
   */
  private static void transposed(float[] src, int so, int cols, int k, int p0, int kc,
      float[] packed, int shift, int width, int panelFrom, int panelTo) {
    for (int q = panelFrom; q < panelTo; q++) {
      int j0 = q * width;
      int valid = Math.min(width, cols - j0);
      int base = shift + j0 * kc - p0 * width;
      for (int s0 = p0, end = p0 + kc; s0 < end; s0 += TRANSPOSE_SLICE) {
        int s1 = Math.min(end, s0 + TRANSPOSE_SLICE);
        int j = 0;
        // eight stored rows at a time: each p then writes 32 contiguous bytes, not 4 scattered
        for (; j + 8 <= valid; j += 8) {
          int r0 = so + (j0 + j) * k;
          for (int p = s0; p < s1; p++) {
            int d = base + p * width + j;
            int sp = r0 + p;
            packed[d] = src[sp];
            packed[d + 1] = src[sp + k];
            packed[d + 2] = src[sp + 2 * k];
            packed[d + 3] = src[sp + 3 * k];
            packed[d + 4] = src[sp + 4 * k];
            packed[d + 5] = src[sp + 5 * k];
            packed[d + 6] = src[sp + 6 * k];
            packed[d + 7] = src[sp + 7 * k];
          }
        }
        for (; j < valid; j++) {
          int from = so + (j0 + j) * k;
          for (int p = s0; p < s1; p++) {
            packed[base + p * width + j] = src[from + p];
          }
        }
        if (valid < width) {
          for (int p = s0; p < s1; p++) {
            Arrays.fill(packed, base + p * width + valid, base + (p + 1) * width, 0f);
          }
        }
      }
    }
  }

  /** Copies {@code len <= width} floats and zero-fills the run up to {@code width}. */
  private static void copyRun(float[] src, int from, float[] dst, int to, int len, int width) {
    int i = 0;
    // a plain loop, which C2 vectorises by itself (System.arraycopy costs more at 8 floats): an
    // explicit Vector API copy here was sometimes left unintrinsified after a deoptimization,
    // boxing every vector (40 MB of garbage and +25 % time per config-b training step)
    for (; i < len; i++) {
      dst[to + i] = src[from + i];
    }
    for (; i < width; i++) {
      dst[to + i] = 0f;
    }
  }
}
