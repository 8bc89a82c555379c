package org.rnnlab.plugins.core.layer;

import java.util.Arrays;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Data movement of the recurrent layer: batch-first/time-major transposes, the column block of
 * one direction inside a concatenated output, and single rows. Pure copies, no arithmetic, and
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

  /** {@code dst[t, b, :] = src[b, t, :]} for {@code src [B, T, F]}, {@code dst [T, B, F]}. */
  static void batchToTime(Tensor src, Tensor dst) {
    int batch = src.dim(0);
    int steps = src.dim(1);
    int f = src.dim(2);
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        copy(src, (b * steps + t) * f, dst, (t * batch + b) * f, f);
      }
    }
  }

  /** {@code dst[b, t, :] = src[t, b, :]} for {@code src [T, B, F]}, {@code dst [B, T, F]}. */
  static void timeToBatch(Tensor src, Tensor dst) {
    int steps = src.dim(0);
    int batch = src.dim(1);
    int f = src.dim(2);
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        copy(src, (t * batch + b) * f, dst, (b * steps + t) * f, f);
      }
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
