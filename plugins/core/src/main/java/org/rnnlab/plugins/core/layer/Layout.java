package org.rnnlab.plugins.core.layer;

import java.util.Arrays;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Row copies and zeroing of the recurrent layer (ranges are copied with
 * {@link Tensor#copyRange}; the batch-first/time-major transposes are
 * {@link org.rnnlab.api.kernel.KernelOps#swapLeadingAxes}, on the kernel threads). No arithmetic
 * and no allocation (they work on the storage arrays), so they run inside the time loop.
 */
final class Layout {
  private Layout() {}

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
    Tensor.copyRange(src, b * w, dst, b * w, w);
  }

  /** Zeroes row {@code b} of {@code t [B, W]}. */
  static void zeroRow(Tensor t, int b) {
    int w = t.dim(1);
    zero(t, b * w, w);
  }
}
