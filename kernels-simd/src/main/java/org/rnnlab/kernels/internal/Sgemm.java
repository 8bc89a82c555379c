package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;

import java.util.function.IntConsumer;
import jdk.incubator.vector.VectorSpecies;
import org.rnnlab.api.tensor.Tensor;

/**
 * Single-precision GEMM {@code C = alpha op(A) op(B) + beta C} (row-major, all four transpose
 * combinations) in the BLIS structure (Van Zee & van de Geijn 2015):
 *
 * <ol>
 *   <li>sweep {@code k} in slices of {@link #KC}; for each slice pack {@code op(B)} into
 *       micro-panels of {@link #NR} columns and, {@link #A_CHUNK_ROWS} rows at a time,
 *       {@code op(A)} into micro-panels of {@link #MR} rows, laid out {@code [p][lane]} and
 *       zero-padded, so the transposes cost nothing past packing and the packed slices (at most
 *       {@code (A_CHUNK_ROWS + n) x KC} floats) are used while they are still in cache;
 *   <li>split {@code C} into fixed {@link #MC} x {@link #NC} blocks (one task each): an A
 *       micro-panel slice (8 KB) stays in L1 while the B block slice (at most 256 KB) streams
 *       from L2;
 *   <li>the register tile ({@link RegisterTile#gemm8x2}) keeps 8 rows x 2 vectors of C in 16
 *       accumulators, which start from C after the first slice.
 * </ol>
 *
 * <p>Shapes where packing costs more than it saves go elsewhere: a few rows of C with
 * {@code transA=false} and {@code transB} NT or NN to {@link SgemmSmallM} (no packing at all),
 * NT with fewer rows than columns to {@link SgemmWideNt} (only A packed), NN with few columns
 * and a long k to {@link SgemmRowBlocks} (one parallel call). The per-step recurrent products
 * {@code h·W_hh^T} and {@code dG·W_hh} use a weight packed once per sequence
 * ({@link #gemmPrepacked}). Two TN products with one A (a layer's two weight gradients) share
 * one packed pass ({@link #gemmTnPair}); an affine map can add its bias per tile (the
 * {@code gemm} overload that takes a bias).
 *
 * <p><b>Deterministic:</b> the block grid and the k-slice order depend only on the shape, and
 * each block is written by exactly one task, so results are bit-identical for any thread count.
 */
final class Sgemm {
  private static final VectorSpecies<Float> S = FLOATS;
  private static final int L = S.length();
  /** Rows of the register tile. */
  static final int MR = 8;
  /** Columns of the register tile: two vectors, so 16 accumulators fit in 32 registers. */
  static final int NR = 2 * L;
  /** k slice: keeps an 8 x KC A micro-panel (8 KB) in L1. */
  static final int KC = 256;
  /** Rows of a C block (one task). */
  static final int MC = 64;
  /**
   * Rows of A packed at a time (a multiple of {@link #MC}): 1-2 MB of packed A per k slice, where
   * packing all rows of a sequence-level product ({@code T*B} of them) took a buffer as large
   * as the layer's input.
   */
  static final int A_CHUNK_ROWS = 2048;
  /** Columns of a C block (one task): a KC x NC slice of packed B is 256 KB, half of L2. */
  static final int NC = 256;
  /**
   * Below this many multiply-adds (~20 us of work) waking pool threads twice costs more than it
   * saves.
   */
  static final long SERIAL_MACS = 1L << 20;
  /**
   * NT calls with at most this many rows of C take the unpacked dot-product path. Measured
   * (thread CPU time, 512 bits, n=1024 k=256): 1 row 34 us unpacked vs 181 us packed, 4 rows 70
   * vs 202, 8 rows 144 vs 195, 16 rows 274 vs 220: the lane reductions cost as much as the
   * arithmetic, so the packed path wins from about 12 rows.
   */
  static final int NT_SMALL_ROWS = 8;
  /**
   * NN calls with at most this many rows of C take the unpacked axpy path whatever the size of
   * B. Measured (thread CPU time, 512 bits), packed vs unpacked: 1x256x1024 97 vs 15 us,
   * 8x256x1024 88 vs 43, 8x1024x4096 6028 vs 5211.
   */
  static final int NN_SMALL_ROWS = 8;
  /**
   * NN calls with at most this many rows take the unpacked path too when B has at most
   * {@link #NN_L2_FLOATS} elements. The axpy tiles stream a column strip of B, all k rows, once
   * per 4 rows of C: from L2 that keeps pace with packed panels (64x256x1024 440 vs 313 us,
   * 128x256x1024 1006 vs 734), from memory it does not (64x1024x1024 2111 vs 2383,
   * 64x512x2048 2021 vs 2638, 64x1024x4096 8875 vs 26783).
   */
  static final int NN_L2_ROWS = 128;
  /** B of 1 MB: the L2 of one core. */
  static final long NN_L2_FLOATS = 1L << 18;
  /**
   * NT calls with at most this many rows, and at least {@link #WIDE_NT_RATIO} times as many
   * columns, take {@link SgemmWideNt}. Measured (thread CPU time, 512 bits), general vs wide:
   * 16x1024x256 260 vs 182 us, 32x1024x256 330 vs 194, 64x1024x256 486 vs 382, 64x512x128 116
   * vs 105; but 128x512x128 198 vs 213 and 256x1024x256 1586 vs 1888, where the transposed
   * scalar merge and the re-read B rows cost more than packing B once.
   */
  static final int WIDE_NT_ROWS = 64;
  /** See {@link #WIDE_NT_ROWS}. */
  static final int WIDE_NT_RATIO = 8;
  /**
   * Columns of C per task on the unpacked small-m paths (a multiple of every tile width): 64, so
   * the per-step {@code dG·W_hh} of H=128 (32x128x512, 2M multiply-adds) makes two tasks.
   */
  private static final int SMALL_COLUMNS = 64;
  /** Columns of C per task with a pre-packed weight: two panels at 512 bits. */
  static final int PREPACKED_COLUMNS = 64;

  private final KernelExecutor executor;
  /**
   * Packed A and B of the calling thread, grown to the largest call seen and kept (reallocating
   * megabytes per call would cost more than a small GEMM); pool workers fill them during the
   * caller's call.
   */
  private final ThreadLocal<float[][]> packed = ThreadLocal.withInitial(() -> new float[2][0]);
  /** Register-tile spill buffer of each thread that runs compute tasks (either path). */
  private final ThreadLocal<float[]> tileBuffer = ThreadLocal.withInitial(
      () -> new float[Math.max(MR * NR, SgemmSmallM.BUFFER)]);

  /** Each thread's {@link SgemmRowBlocks} buffer. */
  private final ThreadLocal<float[]> blockBuffer =
      ThreadLocal.withInitial(() -> new float[SgemmRowBlocks.BUFFER]);

  Sgemm(KernelExecutor executor) {
    this.executor = executor;
  }

  void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int ao, float[] b, int bo, float beta, float[] c, int co) {
    gemm(transA, transB, m, n, k, alpha, a, ao, b, bo, beta, c, co, null, 0);
  }

  /**
   * {@link #gemm} that, when {@code bias} is not null, also adds {@code bias[bias0 + j]} to every
   * row of C on the general (packed) path, tile by tile while the tile is in L1, after its last
   * k slice: the same float addition as a separate pass over C, without re-reading C from
   * memory.
   *
   * @return whether the bias was added; false when the product took a path without it (the
   *     caller then adds it)
   */
  boolean gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int ao, float[] b, int bo, float beta, float[] c, int co, float[] bias,
      int bias0) {
    if (m == 0 || n == 0) {
      return false;
    }
    if (k == 0) {
      scaleC(m, n, beta, c, co);
      return false;
    }
    if (!transA && (transB ? m <= NT_SMALL_ROWS : m <= NN_SMALL_ROWS
        || m <= NN_L2_ROWS && (long) n * k <= NN_L2_FLOATS)) {
      gemmSmallM(transB, m, n, k, alpha, a, ao, b, bo, beta, c, co);
      return false;
    }
    if (!transA && transB && m <= WIDE_NT_ROWS && (long) WIDE_NT_RATIO * m <= n) {
      gemmWideNt(m, n, k, alpha, a, ao, b, bo, beta, c, co);
      return false;
    }
    if (SgemmRowBlocks.suits(transA, transB, n, k)) {
      gemmRowBlocks(m, n, k, alpha, a, ao, b, bo, beta, c, co);
      return false;
    }
    packedPath(transA, transB, m, k, alpha, a, ao, transA ? m : k,
        new Columns(b, bo, n, m, c, co, null), beta, bias, bias0);
    return bias != null;
  }

  /**
   * {@code c += A^T · b} for {@code A}, the first {@code m} columns of a {@code k x lda} matrix
   * stored at {@code a[ao]}: {@code gemm(true, false, ...)} of a copy of that block, which
   * takes the packed path too, so the bits are the same; the packing reads the block in place.
   */
  void gemmTnBlock(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo,
      float[] c, int co) {
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    packedPath(true, false, m, k, 1f, a, ao, lda, new Columns(b, bo, n, m, c, co, null), 1f,
        null, 0);
  }

  /**
   * {@code c1 += A^T · b1} and {@code c2 += A[:, 0 : m2]^T · b2} for {@code A [k x m]},
   * {@code b1 [k x n1]}, {@code b2 [k x n2]}, {@code m2 <= m}, in one pass over A: the packed
   * path with the columns of the two products side by side, the second's tiles stopping at row
   * {@code m2}. Every element sees the operations of its own {@link #gemm} (or
   * {@link #gemmTnBlock}) call, because with {@code n1} a multiple of {@link #NR} no register
   * tile spans both, and a tile cut short at {@code m2} is an edge tile, which starts from C like
   * any other; otherwise this makes the two calls.
   */
  void gemmTnPair(int m, int k, float[] a, int ao, float[] b1, int b1o, int n1, float[] c1,
      int c1o, float[] b2, int b2o, int n2, int m2, float[] c2, int c2o) {
    if (m == 0 || k == 0 || n1 % NR != 0 || n1 == 0 || n2 == 0 || m2 == 0) {
      gemm(true, false, m, n1, k, 1f, a, ao, b1, b1o, 1f, c1, c1o);
      if (m2 == m) {
        gemm(true, false, m, n2, k, 1f, a, ao, b2, b2o, 1f, c2, c2o);
      } else {
        gemmTnBlock(m2, n2, k, a, ao, m, b2, b2o, c2, c2o);
      }
      return;
    }
    packedPath(true, false, m, k, 1f, a, ao, m, new Columns(b1, b1o, n1, m, c1, c1o,
        new Columns(b2, b2o, n2, m2, c2, c2o, null)), 1f, null, 0);
  }

  /**
   * The columns of C on the packed path: {@code n} of them from B stored at {@code b[bo]}
   * ({@code k x n}, or {@code n x k} when transposed) into the first {@code rows} rows of C at
   * {@code c[co]} ({@code rows x n}), then optionally those of a second product with the same
   * A.
   */
  private record Columns(float[] b, int bo, int n, int rows, float[] c, int co, Columns next) {
    int total() {
      return n + (next == null ? 0 : next.n);
    }
  }

  /** @param lda the distance between A's stored rows ({@code m} or {@code k} for a whole A) */
  private void packedPath(boolean transA, boolean transB, int m, int k, float alpha, float[] a,
      int ao, int lda, Columns cols, float beta, float[] bias, int bias0) {
    int n = cols.total();
    Columns second = cols.next();
    int chunkRows = Math.min(m, A_CHUNK_ROWS);
    int nPanels1 = ceilDiv(cols.n(), NR);
    int nPanels2 = second == null ? 0 : ceilDiv(second.n(), NR);
    int kcMax = Math.min(KC, k);
    float[][] buffers = packed.get();
    float[] pa = buffers[0] = ensure(buffers[0], (long) ceilDiv(chunkRows, MR) * MR * kcMax);
    float[] pb = buffers[1] = ensure(buffers[1], (long) (nPanels1 + nPanels2) * NR * kcMax);
    boolean serial = (long) m * n * k < SERIAL_MACS;
    // one k slice at a time (BLIS's pc loop): the packed slices of A and B (at most
    // A_CHUNK_ROWS x KC and n x KC floats) are consumed while they are still in cache, and the
    // buffers stay small; B's slice is packed once, A's a chunk of rows at a time (BLIS's ic
    // loop), so the A buffer does not grow with T * B
    for (int pc = 0; pc < k; pc += KC) {
      int p0 = pc;
      int kc = Math.min(KC, k - pc);
      float[] sliceBias = pc + kc == k ? bias : null;
      for (int i0 = 0; i0 < m; i0 += chunkRows) {
        int r0 = i0;
        int rows = Math.min(chunkRows, m - i0);
        int mPanels = ceilDiv(rows, MR);
        // the rows' start in A: a column offset when A is stored k x m, a row offset otherwise
        int aStart = ao + (transA ? i0 : i0 * lda);
        // operands stored k x cols are packed by whole stored rows (long sequential reads),
        // operands stored cols x k by groups of panels (a transpose)
        int aTasks = Packing.tasks(transA, kc, mPanels);
        int b1Tasks = i0 > 0 ? 0 : Packing.tasks(!transB, kc, nPanels1);
        int b2Tasks = i0 > 0 || second == null ? 0 : Packing.tasks(!transB, kc, nPanels2);
        int packTasks = aTasks + b1Tasks + b2Tasks;
        IntConsumer pack = t -> {
          if (t < aTasks) {
            Packing.slice(transA, a, aStart, rows, lda, p0, kc, pa, 0, MR, mPanels, t);
          } else if (t < aTasks + b1Tasks) {
            Packing.slice(!transB, cols.b(), cols.bo(), cols.n(), k, p0, kc, pb, NR, nPanels1,
                t - aTasks);
          } else {
            Packing.slice(!transB, second.b(), second.bo(), second.n(), transB ? k : second.n(),
                p0, kc, pb, nPanels1 * NR * kc, NR, nPanels2, t - aTasks - b1Tasks);
          }
        };
        int rowBlocks = ceilDiv(rows, MC);
        int colBlocks = ceilDiv(n, NC);
        int blocks = rowBlocks * colBlocks;
        // consecutive tasks share a row block, so the executor's contiguous segments give each
        // thread a band of whole rows of C: its half of packed A is read once per slice and
        // the B slice is re-read from its own L2. Column bands (the order before) made both
        // cores read all of packed A from the shared L3 and write every row of C at once:
        // 2 threads 1.02-1.49x slower (TN 1024x512x3200 1.03-1.2, NT 6400x1024x128 1.33),
        // 1 thread 1.00-1.03x
        IntConsumer compute = t -> computeBlock(r0, rows, t / colBlocks, t % colBlocks, n, p0,
            kc, alpha, pa, pb, beta, cols, sliceBias, bias0);
        if (serial) {
          for (int t = 0; t < packTasks; t++) {
            pack.accept(t);
          }
          for (int t = 0; t < blocks; t++) {
            compute.accept(t);
          }
        } else {
          executor.forEach(packTasks, pack);
          executor.forEach(blocks, compute);
        }
      }
    }
  }

  /**
   * {@code C = beta C + A · op(W)} for {@code A [m x k]} with a pre-packed weight: a few rows take
   * the unpacked path on {@code op(W)} row-major, more take {@link SgemmPrepacked} on the panels,
   * split into column blocks of {@link #PREPACKED_COLUMNS} between threads.
   */
  void gemmPrepacked(int m, PanamaPackedWeight w, float[] a, int ao, float beta, float[] c,
      int co) {
    int n = w.outputSizeN();
    int k = w.innerSizeK();
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      scaleC(m, n, beta, c, co);
      return;
    }
    if (m <= NN_SMALL_ROWS) {
      Tensor b = w.rowMajor();
      gemmSmallM(false, m, n, k, 1f, a, ao, b.floats(), b.offset(), beta, c, co);
      return;
    }
    float[] pw = w.panels();
    if ((long) m * n * k < SERIAL_MACS || n <= PREPACKED_COLUMNS) {
      SgemmPrepacked.columns(m, n, k, a, ao, pw, beta, c, co, 0, n, tileBuffer.get());
      return;
    }
    executor.forRange(n, PREPACKED_COLUMNS, (from, to) ->
        SgemmPrepacked.columns(m, n, k, a, ao, pw, beta, c, co, from, to, tileBuffer.get()));
  }

  /**
   * The unpacked path of {@link SgemmSmallM}; column blocks go to the pool only above
   * {@link #SERIAL_MACS}, and the serial case allocates nothing (no capturing lambda).
   */
  private void gemmSmallM(boolean transB, int m, int n, int k, float alpha,
      float[] a, int ao, float[] b, int bo, float beta, float[] c, int co) {
    if ((long) m * n * k < SERIAL_MACS || n <= SMALL_COLUMNS) {
      float[] buf = tileBuffer.get();
      if (transB) {
        SgemmSmallM.nt(m, n, k, alpha, a, ao, b, bo, beta, c, co, 0, n, buf);
      } else {
        SgemmSmallM.nn(m, n, k, alpha, a, ao, b, bo, beta, c, co, 0, n, buf);
      }
      return;
    }
    executor.forRange(n, SMALL_COLUMNS, (from, to) -> {
      float[] buf = tileBuffer.get();
      if (transB) {
        SgemmSmallM.nt(m, n, k, alpha, a, ao, b, bo, beta, c, co, from, to, buf);
      } else {
        SgemmSmallM.nn(m, n, k, alpha, a, ao, b, bo, beta, c, co, from, to, buf);
      }
    });
  }

  /** NN with few columns and a long k: see {@link SgemmRowBlocks}; one call, no barrier. */
  private void gemmRowBlocks(int m, int n, int k, float alpha,
      float[] a, int ao, float[] b, int bo, float beta, float[] c, int co) {
    int blocks = SgemmRowBlocks.blocks(m, n);
    if ((long) m * n * k < SERIAL_MACS) {
      float[] buffer = blockBuffer.get();
      for (int t = 0; t < blocks; t++) {
        SgemmRowBlocks.block(t, m, n, k, alpha, a, ao, b, bo, beta, c, co, buffer);
      }
      return;
    }
    executor.forEach(blocks, t -> SgemmRowBlocks.block(t, m, n, k, alpha, a, ao, b, bo,
        beta, c, co, blockBuffer.get()));
  }

  /** NT with fewer rows than columns: see {@link SgemmWideNt}; only A is packed. */
  private void gemmWideNt(int m, int n, int k, float alpha,
      float[] a, int ao, float[] b, int bo, float beta, float[] c, int co) {
    int aPanels = ceilDiv(m, NR);
    float[][] buffers = packed.get();
    float[] pa = buffers[0] = ensure(buffers[0], (long) aPanels * NR * k);
    int blocks = ceilDiv(n, SgemmWideNt.JB);
    if ((long) m * n * k < SERIAL_MACS) {
      Packing.transposed(a, ao, m, k, pa, NR, 0, aPanels);
      float[] tile = tileBuffer.get();
      for (int t = 0; t < blocks; t++) {
        SgemmWideNt.block(t, m, n, k, alpha, pa, b, bo, beta, c, co, tile);
      }
      return;
    }
    executor.forEach(Packing.tasks(false, k, aPanels),
        t -> Packing.slice(false, a, ao, m, k, 0, k, pa, NR, aPanels, t));
    executor.forEach(blocks, t -> SgemmWideNt.block(t, m, n, k, alpha, pa, b, bo, beta, c, co,
        tileBuffer.get()));
  }

  /**
   * Block {@code (rb, cb)} of the chunk of {@code chunkRows} rows of C from row {@code r0}
   * (whose A rows are packed from the start of {@code pa}) for the k slice starting at
   * {@code pc}, {@code kc} deep. Full
   * tiles accumulate straight in C when {@code alpha} is 1 (the only value the layers use):
   * the accumulators start from C on every slice but the first, so C is read and written once
   * per slice and no spill buffer is touched. Other tiles go through {@code tile}; edge tiles
   * start from C in the same way, so every element of C sees the same operations whichever
   * tile covers it. With {@code bias} (last k slice only) each finished tile gets it added.
   */
  private void computeBlock(int r0, int chunkRows, int rb, int cb, int n, int pc, int kc,
      float alpha, float[] pa, float[] pb, float beta, Columns parts, float[] bias, int bias0) {
    int m = r0 + chunkRows;
    int i1 = Math.min(m, r0 + (rb + 1) * MC);
    int j1 = Math.min(n, (cb + 1) * NC);
    float[] tile = tileBuffer.get();
    boolean first = pc == 0;
    for (int i = r0 + rb * MC; i < i1; i += MR) {
      int aOff = (i - r0) * kc;
      for (int j = cb * NC; j < j1; j += NR) {
        int bOff = j * kc;
        // the tile's product: the first unless j is past its columns (which end on a panel edge)
        Columns part = j < parts.n() ? parts : parts.next();
        if (i >= part.rows()) {
          continue;
        }
        int rows = Math.min(MR, part.rows() - i);
        int jc = part == parts ? j : j - parts.n();
        int ldc = part.n();
        float[] c = part.c();
        int cols = Math.min(NR, ldc - jc);
        int cOff = part.co() + i * ldc + jc;
        RegisterTile.intoC(pa, aOff, pb, bOff, NR, kc, c, cOff, ldc, rows, cols, alpha, beta,
            first, tile, 0);
        if (bias != null) {
          ElementwiseKernels.addRowVector(bias, bias0 + j, c, cOff, ldc, cols, 0, rows);
        }
      }
    }
  }

  private static void scaleC(int m, int n, float beta, float[] c, int co) {
    for (int i = co, end = co + m * n; i < end; i++) {
      c[i] = beta == 0f ? 0f : beta * c[i];
    }
  }

  static float[] ensure(float[] buffer, long size) {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("gemm operand too large to pack: " + size + " floats");
    }
    return buffer.length >= size ? buffer : new float[(int) size];
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
