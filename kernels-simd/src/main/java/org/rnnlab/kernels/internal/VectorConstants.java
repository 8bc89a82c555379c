package org.rnnlab.kernels.internal;

import java.lang.management.ManagementFactory;
import com.sun.management.HotSpotDiagnosticMXBean;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Species constants of the Vector API kernels. Kept apart from {@link PanamaKernelOps} so that the
 * provider's sanity checks run before any vector class initialises, and {@code static final} so
 * that C2 sees constant species (a non-constant species defeats intrinsification).
 */
final class VectorConstants {
  private VectorConstants() {}

  /** The width the kernels use: forced by a property or the CPU's preferred width. */
  static final int BIT_SIZE = resolveBitSize();

  /** The widest species this CPU supports natively. */
  static final int MAX_BIT_SIZE = FloatVector.SPECIES_MAX.vectorBitSize();

  /** Float species of {@link #BIT_SIZE} (the preferred one when the size is unusable). */
  static final VectorSpecies<Float> FLOATS = floatSpecies(BIT_SIZE);

  /** Double species of the same bit size: one float vector widens into two of these. */
  static final VectorSpecies<Double> DOUBLES = doubleSpecies(BIT_SIZE);

  /** Whether the JVM emits hardware FMA; without it {@code fma} is emulated and very slow. */
  static final boolean USE_FMA = hasFastFma();

  private static int resolveBitSize() {
    int requested = KernelSettings.fromSystemProperties().requestedBitSize();
    return requested >= 0 ? requested : FloatVector.SPECIES_PREFERRED.vectorBitSize();
  }

  private static VectorSpecies<Float> floatSpecies(int bits) {
    return switch (bits) {
      case 128 -> FloatVector.SPECIES_128;
      case 256 -> FloatVector.SPECIES_256;
      case 512 -> FloatVector.SPECIES_512;
      // unusable width: PanamaKernelOps' constructor rejects it before any kernel runs
      default -> FloatVector.SPECIES_PREFERRED;
    };
  }

  private static VectorSpecies<Double> doubleSpecies(int bits) {
    return switch (bits) {
      case 128 -> DoubleVector.SPECIES_128;
      case 256 -> DoubleVector.SPECIES_256;
      case 512 -> DoubleVector.SPECIES_512;
      default -> DoubleVector.SPECIES_PREFERRED;
    };
  }

  private static boolean hasFastFma() {
    // HotSpot enables UseFMA exactly when the CPU has FMA instructions (Lucene does the same check)
    try {
      HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return bean != null && Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
