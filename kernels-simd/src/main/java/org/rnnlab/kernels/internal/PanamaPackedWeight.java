package org.rnnlab.kernels.internal;

import org.rnnlab.api.kernel.PackedWeight;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * The Vector API kernels' {@link PackedWeight}: {@code op(W)} in {@link SgemmPrepacked} panels
 * for products with more than a few rows, and {@code op(W)} stored row-major {@code [k x n]}
 * for the unpacked few-row path (the weight itself when it is not transposed). Each form is
 * built on first use after a {@link #refresh()}, so a weight only ever multiplied by one batch
 * size is packed one way.
 */
final class PanamaPackedWeight implements PackedWeight {
  private final Tensor source;
  private final boolean transposed;
  private final int n;
  private final int k;
  private final KernelExecutor executor;
  private float[] panels;
  private boolean panelsCurrent;
  private Tensor rowMajor;
  private boolean rowMajorCurrent;

  PanamaPackedWeight(Tensor source, boolean transposed, KernelExecutor executor) {
    if (source.rank() != 2 || source.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException(
          "packWeight: a float32 matrix is required, got " + source.dtype() + " rank " + source.rank());
    }
    this.source = source;
    this.transposed = transposed;
    this.n = transposed ? source.dim(0) : source.dim(1);
    this.k = transposed ? source.dim(1) : source.dim(0);
    this.executor = executor;
  }

  @Override
  public Tensor source() {
    return source;
  }

  @Override
  public boolean transposed() {
    return transposed;
  }

  @Override
  public void refresh() {
    panelsCurrent = false;
    rowMajorCurrent = false;
  }

  /** @return {@code op(W)} in panels, packed now if the weight changed since */
  float[] panels() {
    if (!panelsCurrent) {
      long size = SgemmPrepacked.packedSize(n, k);
      if (panels == null || panels.length < size) {
        panels = new float[Math.toIntExact(size)];
      }
      int count = Sgemm.ceilDiv(n, Sgemm.NR);
      float[] w = source.floats();
      int wo = source.offset();
      float[] out = panels;
      executor.forRange(count, PANELS_PER_TASK,
          (from, to) -> SgemmPrepacked.pack(w, wo, transposed, n, k, out, from, to));
      panelsCurrent = true;
    }
    return panels;
  }

  /** @return {@code op(W)} as a row-major {@code [k x n]} tensor, transposed now if needed */
  Tensor rowMajor() {
    if (!transposed) {
      return source;
    }
    if (!rowMajorCurrent) {
      if (rowMajor == null) {
        rowMajor = Tensor.zeros(DType.FLOAT32, k, n);
      }
      float[] src = source.floats();
      int so = source.offset();
      float[] dst = rowMajor.floats();
      // blocks of 32 x 32: both the rows read and the rows written stay in L1
      for (int r0 = 0; r0 < n; r0 += 32) {
        for (int c0 = 0; c0 < k; c0 += 32) {
          for (int r = r0, r1 = Math.min(n, r0 + 32); r < r1; r++) {
            for (int c = c0, c1 = Math.min(k, c0 + 32); c < c1; c++) {
              dst[c * n + r] = src[so + r * k + c];
            }
          }
        }
      }
      rowMajorCurrent = true;
    }
    return rowMajor;
  }

  int innerSizeK() {
    return k;
  }

  int outputSizeN() {
    return n;
  }

  /** Panels per packing task. */
  private static final int PANELS_PER_TASK = 8;
}
