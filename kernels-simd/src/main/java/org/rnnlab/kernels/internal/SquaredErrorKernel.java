package org.rnnlab.kernels.internal;

/**
 * Float32 squared error of {@link org.rnnlab.api.kernel.KernelOps#squaredError}, one row at a
 * time: each row's squares go to four double partial sums by column modulo 4 (one running sum
 * would be a chain of dependent additions), combined as {@code (s0 + s1) + (s2 + s3)}. Rows are
 * independent, so callers may split them across threads and add the weighted row sums in row
 * order.
 */
final class SquaredErrorKernel {
  private SquaredErrorKernel() {}

  /** Rows {@code [rowFrom, rowTo)}; stores each row's weighted sum in {@code rowLoss[r]}. */
  static void rows(float[] p, int po, float[] t, int to, float[] mask, int mo, double gradScale,
      float[] g, int go, int width, double[] rowLoss, int rowFrom, int rowTo) {
    for (int r = rowFrom; r < rowTo; r++) {
      double w = mask == null ? 1 : mask[mo + r];
      double scale = gradScale * w;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int j = r * width;
      int end = j + width;
      for (; j + 4 <= end; j += 4) {
        double d0 = (double) p[po + j] - t[to + j];
        double d1 = (double) p[po + j + 1] - t[to + j + 1];
        double d2 = (double) p[po + j + 2] - t[to + j + 2];
        double d3 = (double) p[po + j + 3] - t[to + j + 3];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
        g[go + j] = (float) (scale * d0);
        g[go + j + 1] = (float) (scale * d1);
        g[go + j + 2] = (float) (scale * d2);
        g[go + j + 3] = (float) (scale * d3);
      }
      for (; j < end; j++) {
        double diff = (double) p[po + j] - t[to + j];
        s0 += diff * diff;
        g[go + j] = (float) (scale * diff);
      }
      rowLoss[r] = w * ((s0 + s1) + (s2 + s3));
    }
  }
}
