package org.rnnlab.reports.testing;

import java.util.SplittableRandom;

/**
 * Test-only, self-contained double-precision recurrent nets (no dependency on rnnlab's cells) that
 * produce real {@code ||dL/dh_t||} profiles for the gradient-flow verdict tests. The loss is
 * {@code L = w_out · h_(T-1)} (many-to-one), so {@code dL/dh_t} is exactly the part of the final
 * gradient that survives {@code T-1-t} steps back through time. Each net also returns
 * {@code dL/dx_0} so the backward pass itself can be checked by finite differences.
 */
public final class TinyRecurrentNets {
  private TinyRecurrentNets() {}

  /**
   * Norms per step plus the gradient with respect to the first input.
   *
   * @param hiddenGradNorms {@code ||dL/dh_t||} for {@code t = 0..T-1}
   * @param dx0 {@code dL/dx_0}
   * @param loss the loss value
   */
  public record Result(double[] hiddenGradNorms, double[] dx0, double loss) {}

  /**
   * A tanh RNN {@code h_t = tanh(W h_(t-1) + U x_t)}, {@code h_(-1) = 0}.
   *
   * @param w recurrent weight {@code [H][H]}
   * @param u input weight {@code [H][I]}
   * @param x inputs {@code [T][I]}
   * @param wOut output weights {@code [H]}
   * @return norms, {@code dL/dx_0} and loss
   */
  public static Result tanhRnn(double[][] w, double[][] u, double[][] x, double[] wOut) {
    int steps = x.length;
    int hid = w.length;
    double[][] h = new double[steps][];
    double[] prev = new double[hid];
    for (int t = 0; t < steps; t++) {
      double[] a = add(matVec(w, prev), matVec(u, x[t]));
      h[t] = new double[hid];
      for (int j = 0; j < hid; j++) {
        h[t][j] = Math.tanh(a[j]);
      }
      prev = h[t];
    }
    double[] norms = new double[steps];
    double[] dh = wOut.clone();
    double[] da = null;
    for (int t = steps - 1; t >= 0; t--) {
      norms[t] = norm(dh);
      da = new double[hid];
      for (int j = 0; j < hid; j++) {
        da[j] = dh[j] * (1 - h[t][j] * h[t][j]);
      }
      dh = matTVec(w, da);
    }
    return new Result(norms, matTVec(u, da), dot(wOut, h[steps - 1]));
  }

  /**
   * An LSTM in PyTorch's form and gate order {@code i, f, g, o}:
   * {@code c_t = f ⊙ c_(t-1) + i ⊙ g}, {@code h_t = o ⊙ tanh(c_t)}, zero initial state.
   *
   * @param wx input weight {@code [4H][I]}
   * @param wh recurrent weight {@code [4H][H]}
   * @param b bias {@code [4H]}
   * @param x inputs {@code [T][I]}
   * @param wOut output weights {@code [H]}
   * @return norms, {@code dL/dx_0} and loss
   */
  public static Result lstm(double[][] wx, double[][] wh, double[] b, double[][] x,
      double[] wOut) {
    int steps = x.length;
    int hid = wh[0].length;
    double[][] gi = new double[steps][hid];
    double[][] gf = new double[steps][hid];
    double[][] gg = new double[steps][hid];
    double[][] go = new double[steps][hid];
    double[][] c = new double[steps + 1][hid];
    double[][] tc = new double[steps][hid];
    double[] h = new double[hid];
    for (int t = 0; t < steps; t++) {
      double[] a = add(add(matVec(wx, x[t]), matVec(wh, h)), b);
      h = new double[hid];
      for (int j = 0; j < hid; j++) {
        gi[t][j] = sigmoid(a[j]);
        gf[t][j] = sigmoid(a[hid + j]);
        gg[t][j] = Math.tanh(a[2 * hid + j]);
        go[t][j] = sigmoid(a[3 * hid + j]);
        c[t + 1][j] = gf[t][j] * c[t][j] + gi[t][j] * gg[t][j];
        tc[t][j] = Math.tanh(c[t + 1][j]);
        h[j] = go[t][j] * tc[t][j];
      }
    }
    double[] norms = new double[steps];
    double[] dh = wOut.clone();
    double[] dcNext = new double[hid];
    double[] da = null;
    for (int t = steps - 1; t >= 0; t--) {
      norms[t] = norm(dh);
      da = new double[4 * hid];
      double[] dcPrev = new double[hid];
      for (int j = 0; j < hid; j++) {
        double dc = dcNext[j] + dh[j] * go[t][j] * (1 - tc[t][j] * tc[t][j]);
        da[j] = dc * gg[t][j] * gi[t][j] * (1 - gi[t][j]);
        da[hid + j] = dc * c[t][j] * gf[t][j] * (1 - gf[t][j]);
        da[2 * hid + j] = dc * gi[t][j] * (1 - gg[t][j] * gg[t][j]);
        da[3 * hid + j] = dh[j] * tc[t][j] * go[t][j] * (1 - go[t][j]);
        dcPrev[j] = dc * gf[t][j];
      }
      dcNext = dcPrev;
      dh = matTVec(wh, da);
    }
    return new Result(norms, matTVec(wx, da), dot(wOut, h));
  }

  /**
   * @param rows rows
   * @param cols columns
   * @param scale entries are {@code U(-scale, scale)}
   * @param rng randomness
   * @return a random matrix
   */
  public static double[][] uniform(int rows, int cols, double scale, SplittableRandom rng) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = rng.nextDouble(-scale, scale);
      }
    }
    return m;
  }

  /**
   * @param rows rows
   * @param cols columns
   * @param std standard deviation
   * @param rng randomness
   * @return a matrix of {@code N(0, std²)} entries
   */
  public static double[][] gaussian(int rows, int cols, double std, SplittableRandom rng) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = std * rng.nextGaussian();
      }
    }
    return m;
  }

  /**
   * @param m a matrix
   * @param factor scale factor
   * @return {@code factor * m} (new matrix)
   */
  public static double[][] scaled(double[][] m, double factor) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] *= factor;
      }
    }
    return out;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double[] matVec(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = dot(m[i], v);
    }
    return out;
  }

  private static double[] matTVec(double[][] m, double[] v) {
    double[] out = new double[m[0].length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < out.length; j++) {
        out[j] += m[i][j] * v[i];
      }
    }
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }
}
