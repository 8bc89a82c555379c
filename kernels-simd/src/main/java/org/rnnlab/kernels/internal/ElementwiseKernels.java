package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.VectorConstants.DOUBLES;
import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorMath.fma;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
  /** The lanes {@code [DL, L)} of a float vector: where the second of two double vectors goes. */
  private static final VectorMask<Float> UPPER_HALF = S.indexInRange(-DL, DL);

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
    int bound = S.loopBound(n);
    for (int r = rowFrom; r < rowTo; r++) {
      int row = yo + r * n;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector.fromArray(S, y, row + j).add(FloatVector.fromArray(S, bias, bo + j))
            .intoArray(y, row + j);
      }
      for (; j < n; j++) {
        y[row + j] += bias[bo + j];
      }
    }
  }

  /**
   * Columns {@code [colFrom, colTo)} of {@code out = (accumulate ? out : 0) + sum_r m[r, :]},
   * summed in double in row order: bit-identical to the scalar reference.
   */
  static void sumRows(float[] m, int mo, int rows, int n, float[] out, int oo, boolean accumulate,
      int colFrom, int colTo) {
    // columns in blocks of two float vectors held as four double accumulators in registers
    // across all rows: the rows are read once and no partial sum goes through memory. Every
    // column still adds its rows in order 0..rows-1 in double, so the block width (and the
    // vector width) never changes a result.
    int j = colFrom;
    for (; j + 2 * L <= colTo; j += 2 * L) {
      FloatVector o0 = accumulate ? FloatVector.fromArray(S, out, oo + j) : FloatVector.zero(S);
      FloatVector o1 = accumulate ? FloatVector.fromArray(S, out, oo + j + L) : FloatVector.zero(S);
      DoubleVector a0 = (DoubleVector) o0.convertShape(VectorOperators.F2D, D, 0);
      DoubleVector a1 = (DoubleVector) o0.convertShape(VectorOperators.F2D, D, 1);
      DoubleVector a2 = (DoubleVector) o1.convertShape(VectorOperators.F2D, D, 0);
      DoubleVector a3 = (DoubleVector) o1.convertShape(VectorOperators.F2D, D, 1);
      for (int r = 0, row = mo + j; r < rows; r++, row += n) {
        FloatVector v0 = FloatVector.fromArray(S, m, row);
        FloatVector v1 = FloatVector.fromArray(S, m, row + L);
        // one float vector widens exactly into two double vectors (lower lanes first)
        a0 = a0.add(v0.convertShape(VectorOperators.F2D, D, 0));
        a1 = a1.add(v0.convertShape(VectorOperators.F2D, D, 1));
        a2 = a2.add(v1.convertShape(VectorOperators.F2D, D, 0));
        a3 = a3.add(v1.convertShape(VectorOperators.F2D, D, 1));
      }
      narrow(a0, a1).intoArray(out, oo + j);
      narrow(a2, a3).intoArray(out, oo + j + L);
    }
    for (; j < colTo; j++) {
      double acc = accumulate ? out[oo + j] : 0;
      for (int r = 0, at = mo + j; r < rows; r++, at += n) {
        acc += m[at];
      }
      out[oo + j] = (float) acc;
    }
  }

  /** @return {@code lo} and {@code hi} rounded to float, {@code lo} in the lower lanes */
  private static FloatVector narrow(DoubleVector lo, DoubleVector hi) {
    FloatVector low = (FloatVector) lo.convertShape(VectorOperators.D2F, S, 0);
    FloatVector high = (FloatVector) hi.convertShape(VectorOperators.D2F, S, -1);
    return low.blend(high, UPPER_HALF);
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
