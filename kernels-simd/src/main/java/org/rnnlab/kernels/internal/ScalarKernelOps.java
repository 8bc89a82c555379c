package org.rnnlab.kernels.internal;

import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Plain-Java reference implementation of {@link KernelOps}: single-threaded, obviously correct,
 * always available. GEMM has a float and a double loop; pointwise code reads and writes through
 * {@link Tensor#get}/{@link Tensor#set} and computes in double, which makes it a slightly more
 * accurate reference than float SIMD code, never a less accurate one.
 */
public final class ScalarKernelOps implements KernelOps {

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public int vectorBitSize() {
    return 0;
  }

  @Override
  public int threads() {
    return 1;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, Tensor a, Tensor b, double beta, Tensor c) {
    if (c.dtype() == DType.FLOAT32) {
      gemmFloat(transA, transB, m, n, k, (float) alpha, a.floats(), a.offset(), transA ? m : k,
          b.floats(), b.offset(), (float) beta, c.floats(), c.offset());
    } else {
      gemmDouble(transA, transB, m, n, k, alpha, a.doubles(), a.offset(), transA ? m : k,
          b.doubles(), b.offset(), beta, c.doubles(), c.offset());
    }
  }

  /**
   * Reads the block where it is: the loops of {@link #gemm} with {@code a}'s row length as the
   * distance between stored rows, so the bits of a {@code gemm} on the copied block, without
   * the {@code k x m} copy the default makes.
   */
  @Override
  public void gemmTnColumns(int from, int m, int k, Tensor a, Tensor b, Tensor c) {
    int width = a.size() / Math.max(1, k);
    int n = c.size() / Math.max(1, m);
    if (c.dtype() == DType.FLOAT32) {
      gemmFloat(true, false, m, n, k, 1f, a.floats(), a.offset() + from, width, b.floats(),
          b.offset(), 1f, c.floats(), c.offset());
    } else {
      gemmDouble(true, false, m, n, k, 1, a.doubles(), a.offset() + from, width, b.doubles(),
          b.offset(), 1, c.doubles(), c.offset());
    }
  }

  /**
   * {@code lda}: distance between the stored rows of {@code a} ({@code m} for transA, else
   * {@code k}, when it is dense).
   */
  private static void gemmFloat(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int ao, int lda, float[] b, int bo, float beta, float[] c, int co) {
    for (int i = 0; i < m; i++) {
      int row = co + i * n;
      for (int j = 0; j < n; j++) {
        // beta == 0 must ignore NaN in C (BLAS semantics)
        c[row + j] = beta == 0f ? 0f : beta * c[row + j];
      }
      if (transB) {
        // C[i,j] += sum_p A(i,p) B[j,p]: both operands contiguous along p
        for (int j = 0; j < n; j++) {
          float acc = 0f;
          int bRow = bo + j * k;
          for (int p = 0; p < k; p++) {
            float aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
            acc += aip * b[bRow + p];
          }
          c[row + j] += alpha * acc;
        }
      } else {
        // C[i,:] += A(i,p) * B[p,:]: contiguous along j
        for (int p = 0; p < k; p++) {
          float aip = alpha * (transA ? a[ao + p * lda + i] : a[ao + i * lda + p]);
          int bRow = bo + p * n;
          for (int j = 0; j < n; j++) {
            c[row + j] += aip * b[bRow + j];
          }
        }
      }
    }
  }

  private static void gemmDouble(boolean transA, boolean transB, int m, int n, int k, double alpha,
      double[] a, int ao, int lda, double[] b, int bo, double beta, double[] c, int co) {
    for (int i = 0; i < m; i++) {
      int row = co + i * n;
      for (int j = 0; j < n; j++) {
        c[row + j] = beta == 0 ? 0 : beta * c[row + j];
      }
      if (transB) {
        for (int j = 0; j < n; j++) {
          double acc = 0;
          int bRow = bo + j * k;
          for (int p = 0; p < k; p++) {
            double aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
            acc += aip * b[bRow + p];
          }
          c[row + j] += alpha * acc;
        }
      } else {
        for (int p = 0; p < k; p++) {
          double aip = alpha * (transA ? a[ao + p * lda + i] : a[ao + i * lda + p]);
          int bRow = bo + p * n;
          for (int j = 0; j < n; j++) {
            c[row + j] += aip * b[bRow + j];
          }
        }
      }
    }
  }

  @Override
  public void addRowVector(Tensor bias, Tensor y) {
    int n = bias.size();
    int rows = y.size() / n;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < n; j++) {
        y.add(r * n + j, bias.get(j));
      }
    }
  }

  @Override
  public void sumRows(Tensor m, Tensor out, boolean accumulate) {
    int n = out.size();
    int rows = m.size() / n;
    for (int j = 0; j < n; j++) {
      double acc = accumulate ? out.get(j) : 0;
      for (int r = 0; r < rows; r++) {
        acc += m.get(r * n + j);
      }
      out.set(j, acc);
    }
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    for (int i = 0, n = x.size(); i < n; i++) {
      y.set(i, y.get(i) + alpha * x.get(i));
    }
  }

  @Override
  public void scale(double alpha, Tensor x) {
    for (int i = 0, n = x.size(); i < n; i++) {
      x.set(i, alpha * x.get(i));
    }
  }

  @Override
  public void mul(Tensor a, Tensor b, Tensor out) {
    for (int i = 0, n = out.size(); i < n; i++) {
      out.set(i, a.get(i) * b.get(i));
    }
  }

  @Override
  public void activate(Activation f, Tensor x, Tensor y) {
    for (int i = 0, n = x.size(); i < n; i++) {
      y.set(i, apply(f, x.get(i)));
    }
  }

  @Override
  public void activateBackward(Activation f, Tensor y, Tensor dy, Tensor dx) {
    for (int i = 0, n = y.size(); i < n; i++) {
      dx.set(i, dy.get(i) * derivativeFromOutput(f, y.get(i)));
    }
  }

  static double apply(Activation f, double x) {
    return switch (f) {
      case TANH -> Math.tanh(x);
      case RELU -> x > 0 ? x : 0;
      case SIGMOID -> sigmoid(x);
      case IDENTITY -> x;
    };
  }

  static double derivativeFromOutput(Activation f, double y) {
    return switch (f) {
      case TANH -> 1 - y * y;
      case RELU -> y > 0 ? 1 : 0;
      case SIGMOID -> y * (1 - y);
      case IDENTITY -> 1;
    };
  }

  static double sigmoid(double x) {
    // split by sign so exp never overflows
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  @Override
  public double sumOfSquares(Tensor x) {
    double acc = 0;
    for (int i = 0, n = x.size(); i < n; i++) {
      double v = x.get(i);
      acc += v * v;
    }
    return acc;
  }

  @Override
  public double sum(Tensor x) {
    double acc = 0;
    for (int i = 0, n = x.size(); i < n; i++) {
      acc += x.get(i);
    }
    return acc;
  }

  @Override
  public double maxAbs(Tensor x) {
    double max = 0;
    for (int i = 0, n = x.size(); i < n; i++) {
      double v = Math.abs(x.get(i));
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
      max = Math.max(max, v);
    }
    return max;
  }

  @Override
  public void lstmForward(Tensor gates, Tensor cPrev, Tensor c, Tensor h) {
    int hidden = c.dim(c.rank() - 1);
    int batch = c.size() / hidden;
    for (int b = 0; b < batch; b++) {
      int g0 = b * 4 * hidden;
      for (int j = 0; j < hidden; j++) {
        double i = sigmoid(gates.get(g0 + j));
        double f = sigmoid(gates.get(g0 + hidden + j));
        double g = Math.tanh(gates.get(g0 + 2 * hidden + j));
        double o = sigmoid(gates.get(g0 + 3 * hidden + j));
        gates.set(g0 + j, i);
        gates.set(g0 + hidden + j, f);
        gates.set(g0 + 2 * hidden + j, g);
        gates.set(g0 + 3 * hidden + j, o);
        int s = b * hidden + j;
        double cNew = f * cPrev.get(s) + i * g;
        c.set(s, cNew);
        h.set(s, o * Math.tanh(c.get(s)));
      }
    }
  }

  @Override
  public void lstmBackward(Tensor gates, Tensor cPrev, Tensor c, Tensor dh, Tensor dc,
      Tensor dGates, Tensor dcPrev) {
    int hidden = c.dim(c.rank() - 1);
    int batch = c.size() / hidden;
    for (int b = 0; b < batch; b++) {
      int g0 = b * 4 * hidden;
      for (int j = 0; j < hidden; j++) {
        int s = b * hidden + j;
        double i = gates.get(g0 + j);
        double f = gates.get(g0 + hidden + j);
        double g = gates.get(g0 + 2 * hidden + j);
        double o = gates.get(g0 + 3 * hidden + j);
        double tc = Math.tanh(c.get(s));
        double dhs = dh.get(s);
        double dcTotal = dc.get(s) + dhs * o * (1 - tc * tc);
        dGates.set(g0 + j, dcTotal * g * i * (1 - i));
        dGates.set(g0 + hidden + j, dcTotal * cPrev.get(s) * f * (1 - f));
        dGates.set(g0 + 2 * hidden + j, dcTotal * i * (1 - g * g));
        dGates.set(g0 + 3 * hidden + j, dhs * tc * o * (1 - o));
        dcPrev.set(s, dcTotal * f);
      }
    }
  }

  @Override
  public void gruForward(Tensor gi, Tensor gh, Tensor hPrev, Tensor h) {
    int hidden = h.dim(h.rank() - 1);
    int batch = h.size() / hidden;
    for (int b = 0; b < batch; b++) {
      int g0 = b * 3 * hidden;
      for (int j = 0; j < hidden; j++) {
        double r = sigmoid(gi.get(g0 + j) + gh.get(g0 + j));
        double z = sigmoid(gi.get(g0 + hidden + j) + gh.get(g0 + hidden + j));
        double nn = Math.tanh(gi.get(g0 + 2 * hidden + j) + r * gh.get(g0 + 2 * hidden + j));
        gi.set(g0 + j, r);
        gi.set(g0 + hidden + j, z);
        gi.set(g0 + 2 * hidden + j, nn);
        int s = b * hidden + j;
        h.set(s, (1 - z) * gi.get(g0 + 2 * hidden + j) + z * hPrev.get(s));
      }
    }
  }

  @Override
  public void gruBackward(Tensor rzn, Tensor gh, Tensor hPrev, Tensor dh,
      Tensor dgi, Tensor dgh, Tensor dhPrev) {
    int hidden = dh.dim(dh.rank() - 1);
    int batch = dh.size() / hidden;
    // gh [B, 3H], or its n block alone [B, H]
    int ghWidth = gh.dim(gh.rank() - 1);
    int ghN = ghWidth == hidden ? 0 : 2 * hidden;
    for (int b = 0; b < batch; b++) {
      int g0 = b * 3 * hidden;
      for (int j = 0; j < hidden; j++) {
        int s = b * hidden + j;
        double r = rzn.get(g0 + j);
        double z = rzn.get(g0 + hidden + j);
        double nn = rzn.get(g0 + 2 * hidden + j);
        double d = dh.get(s);
        double dnPre = d * (1 - z) * (1 - nn * nn);
        double dzPre = d * (hPrev.get(s) - nn) * z * (1 - z);
        double drPre = dnPre * gh.get(b * ghWidth + ghN + j) * r * (1 - r);
        dgi.set(g0 + j, drPre);
        dgi.set(g0 + hidden + j, dzPre);
        dgi.set(g0 + 2 * hidden + j, dnPre);
        dgh.set(g0 + j, drPre);
        dgh.set(g0 + hidden + j, dzPre);
        dgh.set(g0 + 2 * hidden + j, dnPre * r);
        dhPrev.set(s, d * z);
      }
    }
  }

  @Override
  public double softmaxCrossEntropy(Tensor logits, int[] targets, Tensor mask, Tensor dLogits) {
    int rows = targets.length;
    int classes = logits.size() / rows;
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * classes;
      double w = mask == null ? 1 : mask.get(r);
      if (w == 0) {
        for (int j = 0; j < classes; j++) {
          dLogits.set(base + j, 0);
        }
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < classes; j++) {
        max = Math.max(max, logits.get(base + j));
      }
      double sumExp = 0;
      for (int j = 0; j < classes; j++) {
        sumExp += Math.exp(logits.get(base + j) - max);
      }
      double logZ = max + Math.log(sumExp);
      total += w * (logZ - logits.get(base + targets[r]));
      for (int j = 0; j < classes; j++) {
        double p = Math.exp(logits.get(base + j) - logZ);
        dLogits.set(base + j, w * (p - (j == targets[r] ? 1 : 0)));
      }
    }
    return total;
  }
}
