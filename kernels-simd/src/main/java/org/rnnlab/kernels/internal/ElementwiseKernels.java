package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.VectorConstants.DOUBLES;
import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorMath.fma;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.rnnlab.api.kernel.Activation;

/**
 * Float32 elementwise kernels and reductions on raw storage ({@code array, offset}) over an index
 * range, so {@link PanamaKernelOps} can hand disjoint ranges to different threads. Each loop is
 * a vector body and a scalar tail that performs the same operations, so the split point never
 * changes a result.
 */
final class ElementwiseKernels {
  private ElementwiseKernels() {}

  private static final VectorSpecies<Float> S = FLOATS;
  private static final int L = S.length();
  private static final VectorSpecies<Double> D = DOUBLES;
  private static final int DL = D.length();

  /** {@code y[i] += alpha x[i]} for {@code i in [from, to)}. */
  static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int from, int to) {
    int i = from;
    FloatVector va = FloatVector.broadcast(S, alpha);
    for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
      fma(FloatVector.fromArray(S, x, xo + i), va, FloatVector.fromArray(S, y, yo + i))
          .intoArray(y, yo + i);
    }
    for (; i < to; i++) {
      y[yo + i] = fma(x[xo + i], alpha, y[yo + i]);
    }
  }

  /** {@code x[i] *= alpha}. */
  static void scale(float alpha, float[] x, int xo, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
      FloatVector.fromArray(S, x, xo + i).mul(alpha).intoArray(x, xo + i);
    }
    for (; i < to; i++) {
      x[xo + i] *= alpha;
    }
  }

  /** {@code out[i] = a[i] b[i]}. */
  static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
      FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i))
          .intoArray(out, oo + i);
    }
    for (; i < to; i++) {
      out[oo + i] = a[ao + i] * b[bo + i];
    }
  }

  /** {@code out[i] = a[i] + b[i]}. */
  static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
      FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i))
          .intoArray(out, oo + i);
    }
    for (; i < to; i++) {
      out[oo + i] = a[ao + i] + b[bo + i];
    }
  }

  /** {@code y[r, j] += bias[j]} for rows {@code [rowFrom, rowTo)} of width {@code n}. */
  static void addRowVector(float[] bias, int bo, float[] y, int yo, int n, int rowFrom, int rowTo) {
    addRowVector(bias, bo, y, yo, n, n, rowFrom, rowTo);
  }

  /**
   * {@code y[r, j] += bias[j]} for the first {@code width} columns of rows
   * {@code [rowFrom, rowTo)} of a matrix with row stride {@code ld} (a block of a wider matrix).
   */
  static void addRowVector(float[] bias, int bo, float[] y, int yo, int ld, int width,
      int rowFrom, int rowTo) {
    int bound = S.loopBound(width);
    for (int r = rowFrom; r < rowTo; r++) {
      int row = yo + r * ld;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector.fromArray(S, y, row + j).add(FloatVector.fromArray(S, bias, bo + j))
            .intoArray(y, row + j);
      }
      for (; j < width; j++) {
        y[row + j] += bias[bo + j];
      }
    }
  }

  /**
   * The double partial sums of {@link #sumRows}, per thread: bias gradients are summed once per
   * backward step, and a fresh array each time was most of the time loop's garbage.
   */
  private static final ThreadLocal<double[]> SUM_ROWS_ACC =
      ThreadLocal.withInitial(() -> new double[0]);

  /**
   * Columns {@code [colFrom, colTo)} of {@code out = (accumulate ? out : 0) + sum_r m[r, :]},
   * summed in double in row order: bit-identical to the scalar reference.
   */
  static void sumRows(float[] m, int mo, int rows, int n, float[] out, int oo, boolean accumulate,
      int colFrom, int colTo) {
    int width = colTo - colFrom;
    double[] acc = SUM_ROWS_ACC.get();
    if (acc.length < width) {
      acc = new double[width];
      SUM_ROWS_ACC.set(acc);
    }
    for (int j = 0; j < width; j++) {
      acc[j] = accumulate ? out[oo + colFrom + j] : 0;
    }
    int bound = S.loopBound(width);
    // rows stream front to back (a column block held in registers across rows would read rows
    // 4 KB apart, which share L1 sets: twice as slow at 64 x 1024); four rows per pass over
    // the partial sums, added one after the other, so the order stays the reference's
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int row = mo + r * n + colFrom;
      for (int j = 0; j < bound; j += L) {
        FloatVector v0 = FloatVector.fromArray(S, m, row + j);
        FloatVector v1 = FloatVector.fromArray(S, m, row + n + j);
        FloatVector v2 = FloatVector.fromArray(S, m, row + 2 * n + j);
        FloatVector v3 = FloatVector.fromArray(S, m, row + 3 * n + j);
        // one float vector widens exactly into two double vectors (lower lanes first)
        DoubleVector.fromArray(D, acc, j)
            .add(v0.convertShape(VectorOperators.F2D, D, 0))
            .add(v1.convertShape(VectorOperators.F2D, D, 0))
            .add(v2.convertShape(VectorOperators.F2D, D, 0))
            .add(v3.convertShape(VectorOperators.F2D, D, 0))
            .intoArray(acc, j);
        DoubleVector.fromArray(D, acc, j + DL)
            .add(v0.convertShape(VectorOperators.F2D, D, 1))
            .add(v1.convertShape(VectorOperators.F2D, D, 1))
            .add(v2.convertShape(VectorOperators.F2D, D, 1))
            .add(v3.convertShape(VectorOperators.F2D, D, 1))
            .intoArray(acc, j + DL);
      }
      for (int j = bound; j < width; j++) {
        acc[j] = acc[j] + m[row + j] + m[row + n + j] + m[row + 2 * n + j] + m[row + 3 * n + j];
      }
    }
    for (; r < rows; r++) {
      int row = mo + r * n + colFrom;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector v = FloatVector.fromArray(S, m, row + j);
        DoubleVector.fromArray(D, acc, j).add(v.convertShape(VectorOperators.F2D, D, 0))
            .intoArray(acc, j);
        DoubleVector.fromArray(D, acc, j + DL).add(v.convertShape(VectorOperators.F2D, D, 1))
            .intoArray(acc, j + DL);
      }
      for (; j < width; j++) {
        acc[j] += m[row + j];
      }
    }
    for (int j = 0; j < width; j++) {
      out[oo + colFrom + j] = (float) acc[j];
    }
  }

  /** {@code y[i] = f(x[i])}; {@code y} may alias {@code x}. */
  static void activate(Activation f, float[] x, int xo, float[] y, int yo, int from, int to) {
    switch (f) {
      case TANH -> VectorMath.tanh(x, xo + from, y, yo + from, to - from);
      case SIGMOID -> VectorMath.sigmoid(x, xo + from, y, yo + from, to - from);
      case RELU -> {
        int i = from;
        int bound = from + S.loopBound(to - from);
        // compare-and-blend, not max(): NaN and -0 map to +0 exactly like "x > 0 ? x : 0"
        FloatVector zero = FloatVector.zero(S);
        for (; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(S, x, xo + i);
          zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yo + i);
        }
        for (; i < to; i++) {
          float v = x[xo + i];
          y[yo + i] = v > 0f ? v : 0f;
        }
      }
      case IDENTITY -> System.arraycopy(x, xo + from, y, yo + from, to - from);
      default -> throw new IllegalArgumentException("unknown activation " + f);
    }
  }

  /** {@code dx[i] = dy[i] f'(x)}, with {@code f'} written in terms of {@code y = f(x)}. */
  static void activateBackward(Activation f, float[] y, int yo, float[] dy, int dyo,
      float[] dx, int dxo, int from, int to) {
    int i = from;
    int bound = from + S.loopBound(to - from);
    switch (f) {
      case TANH -> {
        for (; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(S, y, yo + i);
          FloatVector d = FloatVector.fromArray(S, dy, dyo + i);
          d.mul(FloatVector.broadcast(S, 1f).sub(v.mul(v))).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
          float v = y[yo + i];
          dx[dxo + i] = dy[dyo + i] * (1f - v * v);
        }
      }
      case SIGMOID -> {
        for (; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(S, y, yo + i);
          FloatVector d = FloatVector.fromArray(S, dy, dyo + i);
          d.mul(v.mul(FloatVector.broadcast(S, 1f).sub(v))).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
          float v = y[yo + i];
          dx[dxo + i] = dy[dyo + i] * (v * (1f - v));
        }
      }
      case RELU -> {
        FloatVector zero = FloatVector.zero(S);
        for (; i < bound; i += L) {
          FloatVector v = FloatVector.fromArray(S, y, yo + i);
          FloatVector d = FloatVector.fromArray(S, dy, dyo + i);
          zero.blend(d, v.compare(VectorOperators.GT, 0f)).intoArray(dx, dxo + i);
        }
        for (; i < to; i++) {
          dx[dxo + i] = y[yo + i] > 0f ? dy[dyo + i] : 0f;
        }
      }
      case IDENTITY -> System.arraycopy(dy, dyo + from, dx, dxo + from, to - from);
      default -> throw new IllegalArgumentException("unknown activation " + f);
    }
  }

  /** @return {@code sum x[i]} for {@code i in [0, n)}, accumulated in double, fixed lane order */
  static double sum(float[] x, int xo, int n) {
    return sumBody(x, xo, n, false);
  }

  /** @return {@code sum x[i]^2}, accumulated in double, fixed lane order */
  static double sumOfSquares(float[] x, int xo, int n) {
    return sumBody(x, xo, n, true);
  }

  private static double sumBody(float[] x, int xo, int n, boolean square) {
    DoubleVector acc0 = DoubleVector.zero(D);
    DoubleVector acc1 = DoubleVector.zero(D);
    DoubleVector acc2 = DoubleVector.zero(D);
    DoubleVector acc3 = DoubleVector.zero(D);
    int i = 0;
    // body: two float vectors widen into four double vectors, one per accumulator
    for (int bound = n - n % (2 * L); i < bound; i += 2 * L) {
      FloatVector v = FloatVector.fromArray(S, x, xo + i);
      FloatVector w = FloatVector.fromArray(S, x, xo + i + L);
      acc0 = accumulate(acc0, (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0), square);
      acc1 = accumulate(acc1, (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1), square);
      acc2 = accumulate(acc2, (DoubleVector) w.convertShape(VectorOperators.F2D, D, 0), square);
      acc3 = accumulate(acc3, (DoubleVector) w.convertShape(VectorOperators.F2D, D, 1), square);
    }
    // vector tail: at most one float vector left
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xo + i);
      acc0 = accumulate(acc0, (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0), square);
      acc1 = accumulate(acc1, (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1), square);
    }
    // lanes summed in index order, never reduceLanes (whose order is unspecified)
    double[] lanes = acc0.add(acc1).add(acc2.add(acc3)).toArray();
    double total = 0;
    for (double lane : lanes) {
      total += lane;
    }
    // scalar tail
    for (; i < n; i++) {
      double v = x[xo + i];
      total += square ? v * v : v;
    }
    return total;
  }

  private static DoubleVector accumulate(DoubleVector acc, DoubleVector v, boolean square) {
    // a float squared is exact in double, so mul-then-add rounds once like the reference
    return square ? v.mul(v).add(acc) : acc.add(v);
  }

  /** @return {@code max |x[i]|}, NaN if any element is NaN */
  static double maxAbs(float[] x, int xo, int n) {
    FloatVector acc0 = FloatVector.zero(S);
    FloatVector acc1 = FloatVector.zero(S);
    FloatVector acc2 = FloatVector.zero(S);
    FloatVector acc3 = FloatVector.zero(S);
    int i = 0;
    // MAX has Math.max semantics, so a NaN lane stays NaN
    for (int bound = n - n % (4 * L); i < bound; i += 4 * L) {
      acc0 = acc0.max(FloatVector.fromArray(S, x, xo + i).abs());
      acc1 = acc1.max(FloatVector.fromArray(S, x, xo + i + L).abs());
      acc2 = acc2.max(FloatVector.fromArray(S, x, xo + i + 2 * L).abs());
      acc3 = acc3.max(FloatVector.fromArray(S, x, xo + i + 3 * L).abs());
    }
    for (int bound = S.loopBound(n); i < bound; i += L) {
      acc0 = acc0.max(FloatVector.fromArray(S, x, xo + i).abs());
    }
    float max = 0f;
    for (float lane : acc0.max(acc1).max(acc2.max(acc3)).toArray()) {
      max = Math.max(max, lane);
    }
    for (; i < n; i++) {
      max = Math.max(max, Math.abs(x[xo + i]));
    }
    return max;
  }
}
