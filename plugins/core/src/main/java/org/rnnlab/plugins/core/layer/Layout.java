package org.rnnlab.plugins.core.layer;

import java.util.Arrays;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Data movement of the recurrent layer: the column block of one direction inside a concatenated
 * output, and single rows (the batch-first/time-major transposes are
 * {@link org.rnnlab.api.kernel.KernelOps#swapLeadingAxes}, on the kernel threads). Pure copies, no arithmetic, and
 * no allocation (they work on the storage arrays), so they run inside the time loop.
 */
final class Layout {
  private Layout() {}

  /** Copies {@code len} elements from {@code src[srcPos]} to {@code dst[dstPos]} (same dtype). */
  static void copy(Tensor src, int srcPos, Tensor dst, int dstPos, int len) {
    if (src.dtype() == DType.FLOAT32) {
      System.arraycopy(src.floats(), src.offset() + srcPos, dst.floats(), dst.offset() + dstPos, len);
    } else {
      System.arraycopy(src.doubles(), src.offset() + srcPos, dst.doubles(), dst.offset() + dstPos, len);
    }
  }

  /** Sets {@code len} elements from {@code t[pos]} to zero. */
  static void zero(Tensor t, int pos, int len) {
    if (t.dtype() == DType.FLOAT32) {
      Arrays.fill(t.floats(), t.offset() + pos, t.offset() + pos + len, 0f);
    } else {
      Arrays.fill(t.doubles(), t.offset() + pos, t.offset() + pos + len, 0d);
    }
  }

  /** Copies row {@code b} of {@code src} into row {@code b} of {@code dst}, both {@code [B, W]}. */
  static void copyRow(Tensor src, Tensor dst, int b) {
    int w = src.dim(1);
    copy(src, b * w, dst, b * w, w);
  }

  /** Zeroes row {@code b} of {@code t [B, W]}. */
  static void zeroRow(Tensor t, int b) {
    int w = t.dim(1);
    zero(t, b * w, w);
  }
}
