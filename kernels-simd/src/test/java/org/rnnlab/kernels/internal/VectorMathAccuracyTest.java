package org.rnnlab.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * Measures the maximum error of the vectorised {@code exp}, {@code tanh} and {@code sigmoid}
 * against {@code Math} in double, rounded to float, over a dense grid of [-100, 100] plus every
 * float in [-1, 1] at a stride, and checks that the scalar twins return the same bits. The
 * measured maxima are printed (see BENCHMARKS-KERNELS.md) and bounded.
 */
class VectorMathAccuracyTest {
  private static final int L = VectorConstants.FLOATS.length();

  @BeforeAll
  static void requireVectorKernels() {
    assumeTrue(KernelOpsProvider.lookup(true, 1) instanceof PanamaKernelOps,
        "Vector API kernels unavailable in this JVM");
  }

  /** Test inputs: a uniform grid over [lo, hi] plus float bit patterns near zero. */
  private static float[] grid(float lo, float hi) {
    int uniform = 1 << 20;
    int nearZero = 1 << 16;
    float[] x = new float[uniform + 2 * nearZero];
    for (int i = 0; i < uniform; i++) {
      x[i] = lo + (hi - lo) * i / (uniform - 1);
    }
    // |x| from 1e-38 up to 1: every 2^13-th float, both signs
    for (int i = 0; i < nearZero; i++) {
      float v = Float.intBitsToFloat(0x00800000 + i * ((0x3F800000 - 0x00800000) / nearZero));
      x[uniform + 2 * i] = v;
      x[uniform + 2 * i + 1] = -v;
    }
    return x;
  }

  /** The array kernel under test: {@code y[i] = f(x[i])} for {@code n} elements. */
  @FunctionalInterface
  private interface ArrayKernel {
    void apply(float[] x, float[] y, int n);
  }

  /**
   * Max error in ulps of the float result (and relative error) of the vector body, after
   * checking every lane against the scalar twin bit for bit.
   */
  private static double[] measure(float[] x, ArrayKernel kernel,
      DoubleUnaryOperator scalarTwin, DoubleUnaryOperator exact) {
    int n = x.length - x.length % L; // vector body only: the tail is the twin itself
    float[] out = new float[n];
    kernel.apply(x, out, n);
    double maxUlp = 0;
    double maxRel = 0;
    for (int i = 0; i < n; i++) {
      float v = x[i];
      float twin = (float) scalarTwin.applyAsDouble(v);
      assertEquals(Float.floatToRawIntBits(out[i]), Float.floatToRawIntBits(twin),
          () -> "scalar twin differs from vector lane at " + v);
      float ref = (float) exact.applyAsDouble(v);
      if (ref == out[i]) {
        continue;
      }
      if (ref == 0f || Float.isInfinite(ref) || Math.abs(ref) < Float.MIN_NORMAL) {
        // a subnormal or saturated reference: measure absolute error instead
        assertTrue(Math.abs(ref - out[i]) <= Float.MIN_NORMAL,
            "at " + v + ": expected " + ref + " but was " + out[i]);
        continue;
      }
      maxUlp = Math.max(maxUlp, Math.abs(ref - out[i]) / Math.ulp(ref));
      maxRel = Math.max(maxRel, Math.abs((ref - out[i]) / ref));
    }
    return new double[] {maxUlp, maxRel};
  }

  private static void report(String name, double[] err) {
    System.out.printf("%s: max error %.2f ulp, %.3g relative%n", name, err[0], err[1]);
  }

  @Test
  void expIsWithinTwoUlpOverItsNormalRange() {
    double[] err = measure(grid(-87.3f, 88.7f),
        (x, y, n) -> VectorMath.exp(x, 0, 0f, y, 0, n), v -> VectorMath.exp((float) v),
        Math::exp);
    report("exp", err);
    assertTrue(err[0] <= 2 && err[1] <= 1e-6, "exp error " + err[0] + " ulp");
  }

  @Test
  void tanhIsWithinThreeUlpAndSaturates() {
    double[] err = measure(grid(-100f, 100f),
        (x, y, n) -> VectorMath.tanh(x, 0, y, 0, n), v -> VectorMath.tanh((float) v),
        Math::tanh);
    report("tanh", err);
    assertTrue(err[0] <= 3 && err[1] <= 1e-6, "tanh error " + err[0] + " ulp");
    assertEquals(1f, VectorMath.tanh(9.1f));
    assertEquals(-1f, VectorMath.tanh(Float.NEGATIVE_INFINITY));
    assertEquals(1f, VectorMath.tanh(Float.MAX_VALUE));
  }

  @Test
  void sigmoidIsWithinThreeUlp() {
    double[] err = measure(grid(-100f, 100f),
        (x, y, n) -> VectorMath.sigmoid(x, 0, y, 0, n),
        v -> VectorMath.sigmoid((float) v), v -> 1 / (1 + Math.exp(-v)));
    report("sigmoid", err);
    assertTrue(err[0] <= 3 && err[1] <= 1e-6, "sigmoid error " + err[0] + " ulp");
  }

  @Test
  void expOverflowsAndUnderflowsLikeMathExp() {
    assertEquals(Float.POSITIVE_INFINITY, VectorMath.exp(89f));
    assertEquals(0f, VectorMath.exp(-104f));
    assertEquals(1f, VectorMath.exp(0f));
    assertTrue(Float.isNaN(VectorMath.exp(Float.NaN)));
    // subnormal results are rounded once, so they stay close to the true value
    assertEquals((float) Math.exp(-100), VectorMath.exp(-100f), 2 * Float.MIN_VALUE);
  }
}
