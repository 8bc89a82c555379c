package org.rnnlab.kernels.internal;

/**
 * The system properties that steer kernel selection, read without touching any Vector API class
 * (so {@code KernelOpsProvider} can check them before the incubator module is loaded).
 *
 * <ul>
 *   <li>{@code -Drnnlab.kernels=auto|scalar|simd}: {@code scalar} forces the reference,
 *       {@code simd} demands the Vector API kernels (failing loudly when they are unusable),
 *       {@code auto} (default) picks the Vector API kernels when they work.
 *   <li>{@code -Drnnlab.kernels.vectorBitSize=0|128|256|512}: forces a vector width; {@code 0}
 *       selects the scalar reference.
 *   <li>{@code -Drnnlab.tests.vectorBitSize=128|256|512}: the width forced by the kernel test
 *       executions; honoured in test mode only (Lucene's {@code tests.vectorsize}).
 * </ul>
 *
 * @param kernels the {@code rnnlab.kernels} value, lower case
 * @param vectorBitSize the {@code rnnlab.kernels.vectorBitSize} value, {@link #UNSET} or
 *     {@link #INVALID}
 * @param testsVectorBitSize the {@code rnnlab.tests.vectorBitSize} value, {@link #UNSET} or
 *     {@link #INVALID}
 */
public record KernelSettings(String kernels, int vectorBitSize, int testsVectorBitSize) {

  /** A width property that is not given. */
  public static final int UNSET = -1;
  /** A width property that is not a non-negative integer. */
  public static final int INVALID = -2;

  /** Property choosing the implementation. */
  public static final String KERNELS = "rnnlab.kernels";
  /** Property forcing the vector width. */
  public static final String VECTOR_BIT_SIZE = "rnnlab.kernels.vectorBitSize";
  /** Property forcing the vector width in kernel tests. */
  public static final String TESTS_VECTOR_BIT_SIZE = "rnnlab.tests.vectorBitSize";

  /** @return the settings given by the current system properties */
  public static KernelSettings fromSystemProperties() {
    return new KernelSettings(
        System.getProperty(KERNELS, "auto").trim().toLowerCase(java.util.Locale.ROOT),
        parseBits(VECTOR_BIT_SIZE),
        parseBits(TESTS_VECTOR_BIT_SIZE));
  }

  /**
   * @return the width the Vector API kernels should use: the test width, else the forced width,
   *     else a negative value meaning "the CPU's preferred width"
   */
  public int requestedBitSize() {
    return testsVectorBitSize >= 0 ? testsVectorBitSize : vectorBitSize;
  }

  /** @return the raw text of a property, for messages */
  public static String raw(String property) {
    return System.getProperty(property);
  }

  private static int parseBits(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return UNSET;
    }
    try {
      int bits = Integer.parseInt(value.trim());
      return bits < 0 ? INVALID : bits;
    } catch (NumberFormatException e) {
      return INVALID;
    }
  }
}
