package org.rnnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.internal.ScalarKernelOps;

/**
 * Common ground of the kernel tests: the scalar reference, the Vector API kernels at the width
 * forced by {@code -Drnnlab.tests.vectorBitSize} (one and two threads), seeded inputs and
 * comparisons with size-scaled tolerances. Tests skip when the Vector API kernels are not
 * available in this JVM.
 */
public abstract class BaseKernelTestCase {
  /** Awkward sizes around every vector length and unroll factor. */
  public static final int[] SIZES = {1, 3, 7, 8, 15, 16, 17, 31, 33, 127, 1024, 1031};

  protected static final KernelOps SCALAR = new ScalarKernelOps();
  protected static final KernelOps SIMD = KernelOpsProvider.lookup(true, 1);
  protected static final KernelOps SIMD2 = KernelOpsProvider.lookup(true, 2);

  @BeforeEach
  void requireVectorKernels() {
    assumeTrue(SIMD.getClass() != SCALAR.getClass(), "Vector API kernels unavailable in this JVM");
  }

  /** Used by the parameterized tests as their argument source. */
  public static int[] sizes() {
    return SIZES;
  }

  /** @return a fresh deterministic stream for one test */
  protected static SplittableRandom rng(long seed) {
    return new SplittableRandom(seed);
  }

  /** @return a FLOAT32 tensor of uniform values in {@code [lo, hi)} */
  protected static Tensor uniform(SplittableRandom rng, double lo, double hi, int... shape) {
    Tensor t = Tensor.zeros(DType.FLOAT32, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, rng.nextDouble(lo, hi));
    }
    return t;
  }

  /**
   * @return a view of {@code shape} at a non-zero offset inside a larger random tensor, so
   *     kernels that forget {@link Tensor#offset()} fail
   */
  protected static Tensor offsetView(SplittableRandom rng, int offset, int... shape) {
    int size = Tensor.sizeOf(shape);
    Tensor storage = uniform(rng, -1, 1, offset + size + 5);
    return storage.view(offset, shape);
  }

  /** A copy of {@code t} placed at {@code offset} in fresh storage (garbage around it). */
  protected static Tensor copyAtOffset(Tensor t, int offset) {
    Tensor storage = Tensor.zeros(t.dtype(), offset + t.size() + 3);
    storage.fill(-7.5);
    Tensor view = storage.view(offset, t.shape());
    view.copyFrom(t);
    return view;
  }

  /**
   * Asserts {@code |expected - actual| <= tol * max(1, |expected|)} element by element (NaN
   * matches NaN, infinities must be equal).
   */
  protected static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
    assertEquals(expected.size(), actual.size(), what + ": size");
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.get(i);
      double a = actual.get(i);
      if (Double.isNaN(e) || Double.isNaN(a)) {
        if (Double.isNaN(e) != Double.isNaN(a)) {
          fail(what + ": element " + i + " expected " + e + " but was " + a);
        }
        continue;
      }
      if (e == a) {
        continue; // also covers equal infinities
      }
      if (!(Math.abs(e - a) <= tol * Math.max(1, Math.abs(e)))) {
        fail(what + ": element " + i + " expected " + e + " but was " + a + " (tol " + tol + ")");
      }
    }
  }

  /** Asserts both tensors hold exactly the same bits. */
  protected static void assertBitIdentical(String what, Tensor expected, Tensor actual) {
    assertEquals(expected.size(), actual.size(), what + ": size");
    for (int i = 0; i < expected.size(); i++) {
      if (Float.floatToRawIntBits((float) expected.get(i))
          != Float.floatToRawIntBits((float) actual.get(i))) {
        fail(what + ": element " + i + " differs: " + expected.get(i) + " vs " + actual.get(i));
      }
    }
  }
}
