package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorConstants.USE_FMA;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Vectorised {@code exp}, {@code tanh} and {@code sigmoid} over float arrays (vector body,
 * scalar tail), each with a scalar twin that performs the very same IEEE operations in the same
 * order, so an element gives the same bits whether it lands in a vector body or a scalar tail
 * (and results never depend on how work is split between threads).
 *
 * <p>Maximum errors against {@code Math.exp}/{@code Math.tanh} in double rounded to float,
 * measured by {@code VectorMathAccuracyTest} on 1.2 million points of [-100, 100] (exp: its
 * normal range [-87.3, 88.7]) plus floats near zero: {@code exp} 1 ulp, {@code tanh} 1 ulp,
 * {@code sigmoid} 2 ulp, all below 2.2e-7 relative (the test enforces 2, 3 and 3 ulp).
 * {@code tanh} saturates to exactly +-1 from |x| of about 9 and never returns NaN for a non-NaN
 * input; {@code exp} overflows to +inf above ~88.72 and flushes to 0 below ~-103.97, rounding
 * subnormal results once.
 *
 * <p>Algorithms follow Cephes {@code expf}/{@code tanhf} (S. Moshier): range reduction
 * {@code x = n ln2 + r}, a degree-6 polynomial for {@code exp(r)}, and an odd degree-11
 * polynomial for {@code tanh} on {@code |x| < 0.625}.
 */
final class VectorMath {
  private VectorMath() {}

  private static final int L = FLOATS.length();
  private static final float LOG2E = 1.44269504088896341f;
  // ln2 split so that n * LN2_HI is exact (Cody & Waite reduction)
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  // adding 1.5 * 2^23 rounds a float of magnitude < 2^22 to an integer (round to nearest even)
  private static final float ROUND_MAGIC = 12582912f;
  private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
  // beyond these exp is +inf or 0 in float; clamping keeps the exponent arithmetic in range
  private static final float EXP_MIN = -104f;
  private static final float EXP_MAX = 89f;
  private static final float E0 = 1.9875691500e-4f;
  private static final float E1 = 1.3981999507e-3f;
  private static final float E2 = 8.3334519073e-3f;
  private static final float E3 = 4.1665795894e-2f;
  private static final float E4 = 1.6666665459e-1f;
  private static final float E5 = 5.0000001201e-1f;
  // below this |x| tanh uses the odd polynomial: 1 - 2/(e^2x + 1) would cancel badly
  private static final float TANH_SMALL = 0.625f;
  private static final float T0 = -5.70498872745e-3f;
  private static final float T1 = 2.06390887954e-2f;
  private static final float T2 = -5.37397155531e-2f;
  private static final float T3 = 1.33314422036e-1f;
  private static final float T4 = -3.33332819422e-1f;

  /** {@code a * b + c}, fused when the CPU has FMA (else emulation would be ~100x slower). */
  static FloatVector fma(FloatVector a, FloatVector b, FloatVector c) {
    return USE_FMA ? a.fma(b, c) : a.mul(b).add(c);
  }

  /** Scalar twin of {@link #fma(FloatVector, FloatVector, FloatVector)}: same rounding. */
  static float fma(float a, float b, float c) {
    return USE_FMA ? Math.fma(a, b, c) : a * b + c;
  }

  /** @return {@code e^x} per lane */
  static FloatVector exp(FloatVector x) {
    FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
    FloatVector t = fma(xc, FloatVector.broadcast(FLOATS, LOG2E), FloatVector.broadcast(FLOATS, ROUND_MAGIC));
    FloatVector n = t.sub(ROUND_MAGIC);
    FloatVector r = fma(n, FloatVector.broadcast(FLOATS, -LN2_HI), xc);
    r = fma(n, FloatVector.broadcast(FLOATS, -LN2_LO), r);
    FloatVector p = fma(FloatVector.broadcast(FLOATS, E0), r, FloatVector.broadcast(FLOATS, E1));
    p = fma(p, r, FloatVector.broadcast(FLOATS, E2));
    p = fma(p, r, FloatVector.broadcast(FLOATS, E3));
    p = fma(p, r, FloatVector.broadcast(FLOATS, E4));
    p = fma(p, r, FloatVector.broadcast(FLOATS, E5));
    p = fma(p, r.mul(r), r).add(1f);
    // 2^n as two factors, so subnormal results (n down to -150) round only once
    IntVector ni = t.reinterpretAsInts().sub(ROUND_MAGIC_BITS);
    IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
    IntVector n2 = ni.sub(n1);
    FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    return p.mul(s1).mul(s2);
  }

  /** Scalar twin of {@link #exp(FloatVector)}. */
  static float exp(float x) {
    float xc = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
    float t = fma(xc, LOG2E, ROUND_MAGIC);
    float n = t - ROUND_MAGIC;
    float r = fma(n, -LN2_HI, xc);
    r = fma(n, -LN2_LO, r);
    float p = fma(E0, r, E1);
    p = fma(p, r, E2);
    p = fma(p, r, E3);
    p = fma(p, r, E4);
    p = fma(p, r, E5);
    p = fma(p, r * r, r) + 1f;
    int ni = Float.floatToRawIntBits(t) - ROUND_MAGIC_BITS;
    int n1 = ni >> 1;
    int n2 = ni - n1;
    return p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
  }

  /** {@code y[i] = exp(x[i] - shift)} for {@code i in [0, n)}; {@code y} may alias {@code x}. */
  static void exp(float[] x, int xo, float shift, float[] y, int yo, int n) {
    int i = 0;
    for (int bound = FLOATS.loopBound(n); i < bound; i += L) {
      exp(FloatVector.fromArray(FLOATS, x, xo + i).sub(shift)).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] = exp(x[xo + i] - shift);
    }
  }

  /**
   * {@code y[i] = tanh(x[i])}; {@code y} may alias {@code x}. The lane code is written in the
   * loop rather than in a helper: compiled on its own a tanh helper outgrows C2's
   * InlineSmallCode, is then called instead of inlined, and every vector gets boxed (10x slower).
   */
  static void tanh(float[] x, int xo, float[] y, int yo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(FLOATS, 1f);
    FloatVector two = FloatVector.broadcast(FLOATS, 2f);
    for (int bound = FLOATS.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(FLOATS, x, xo + i);
      FloatVector ax = v.abs();
      // |x| < 0.625: odd polynomial, full relative precision near 0
      FloatVector z = v.mul(v);
      FloatVector q = fma(FloatVector.broadcast(FLOATS, T0), z, FloatVector.broadcast(FLOATS, T1));
      q = fma(q, z, FloatVector.broadcast(FLOATS, T2));
      q = fma(q, z, FloatVector.broadcast(FLOATS, T3));
      q = fma(q, z, FloatVector.broadcast(FLOATS, T4));
      FloatVector small = fma(q.mul(z), v, v);
      // otherwise 1 - 2/(e^2|x| + 1): 2/(inf + 1) = 0, so large |x| saturates to exactly 1
      FloatVector big = one.sub(two.div(exp(ax.add(ax)).add(1f)));
      big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
      big.blend(small, ax.compare(VectorOperators.LT, TANH_SMALL)).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] = tanh(x[xo + i]);
    }
  }

  /** {@code y[i] = 1 / (1 + exp(-x[i]))}; {@code y} may alias {@code x}. */
  static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(FLOATS, 1f);
    for (int bound = FLOATS.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(FLOATS, x, xo + i);
      // exp(-|x|) never overflows: sigma = 1/(1+e) for x >= 0 and e/(1+e) for x < 0
      FloatVector e = exp(v.abs().neg());
      VectorMask<Float> negative = v.compare(VectorOperators.LT, 0f);
      one.blend(e, negative).div(e.add(1f)).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] = sigmoid(x[xo + i]);
    }
  }

  /** Scalar twin of the lanes of {@link #tanh(float[], int, float[], int, int)}. */
  static float tanh(float x) {
    float ax = Math.abs(x);
    float z = x * x;
    float q = fma(T0, z, T1);
    q = fma(q, z, T2);
    q = fma(q, z, T3);
    q = fma(q, z, T4);
    float small = fma(q * z, x, x);
    float e = exp(ax + ax);
    float big = 1f - 2f / (e + 1f);
    big = x < 0f ? -big : big;
    return ax < TANH_SMALL ? small : big;
  }

  /** Scalar twin of the lanes of {@link #sigmoid(float[], int, float[], int, int)}. */
  static float sigmoid(float x) {
    float e = exp(-Math.abs(x));
    float num = x < 0f ? e : 1f;
    return num / (e + 1f);
  }
}
