package org.rnnlab.plugins.cell;

import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Copies of a block of columns between row-major {@code [B, W]} tensors of one dtype. Pure data
 * movement on the storage arrays, no allocation, so it runs inside the time loop.
 */
final class ColumnBlocks {
  private ColumnBlocks() {}

  /**
   * {@code dst[b, dstCol + j] = src[b, srcCol + j]} for every row {@code b} and
   * {@code j < width}.
   */
  static void copy(Tensor src, int srcCol, Tensor dst, int dstCol, int width) {
    int rows = src.dim(0);
    int srcWidth = src.dim(1);
    int dstWidth = dst.dim(1);
    boolean f32 = src.dtype() == DType.FLOAT32;
    for (int b = 0; b < rows; b++) {
      int from = src.offset() + b * srcWidth + srcCol;
      int to = dst.offset() + b * dstWidth + dstCol;
      if (f32) {
        System.arraycopy(src.floats(), from, dst.floats(), to, width);
      } else {
        System.arraycopy(src.doubles(), from, dst.doubles(), to, width);
      }
    }
  }
}
