package org.rnnlab.kernels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.kernels.internal.KernelSettings;
import org.rnnlab.kernels.internal.ScalarKernelOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link KernelOps} implementation once per JVM, logs why, and always has the scalar
 * reference to fall back on (the shape of Lucene's {@code VectorizationProvider}).
 *
 * <p>The Vector API kernels ({@code PanamaKernelOps}) are used when the
 * {@code jdk.incubator.vector} module is readable and the vector width is at least 128 bits.
 * Otherwise the scalar reference is used and <b>one WARN line names the reason</b>: the module
 * is missing (with the exact {@code --add-modules jdk.incubator.vector} hint), the width is too
 * small or unsupported, {@code -Drnnlab.kernels=scalar} or
 * {@code -Drnnlab.kernels.vectorBitSize=0} was given. On success each instance logs one INFO line
 * such as {@code kernels=panama bitSize=512 fma=true threads=2}. Overrides are described in
 * {@link KernelSettings}; {@code -Drnnlab.kernels=simd} turns every fallback into an
 * {@link IllegalStateException}.
 *
 * <p>{@code PanamaKernelOps} is loaded by name through {@link MethodHandles#lookup()}, so this
 * class links without the incubator module. Thread-safe.
 */
public final class KernelOpsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(KernelOpsProvider.class);
  private static final String PANAMA_CLASS = "org.rnnlab.kernels.internal.PanamaKernelOps";
  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  private KernelOpsProvider() {}

  /**
   * The outcome of the checks.
   *
   * @param panama constructor {@code (int threads)} of the Vector API kernels, null for scalar
   * @param fma whether those kernels use hardware FMA
   * @param reason why the scalar reference was chosen, null when it was not
   * @param required whether {@code -Drnnlab.kernels=simd} demands the Vector API kernels
   */
  record Selection(MethodHandle panama, boolean fma, String reason, boolean required) {}

  /** The production choice, made on first use and kept for the life of the JVM. */
  private static final class Holder {
    static final Selection SELECTION = select(KernelSettings.fromSystemProperties(), false,
        ModuleLayer.boot().findModule(VECTOR_MODULE));
  }

  /**
   * @param threads threads the kernels may use (>= 1)
   * @return the kernels for this JVM: Vector API when usable, else the scalar reference
   */
  public static KernelOps create(int threads) {
    return instantiate(Holder.SELECTION, threads);
  }

  /**
   * Runs the selection afresh instead of using the JVM-wide choice. In test mode
   * {@code -Drnnlab.tests.vectorBitSize} is honoured; outside it that property forces the scalar
   * reference, because the kernel constants were sized for a test.
   *
   * @param testMode whether the caller is a test
   * @param threads threads the kernels may use (>= 1)
   * @return the kernels for this JVM and these settings
   */
  public static KernelOps lookup(boolean testMode, int threads) {
    return instantiate(select(KernelSettings.fromSystemProperties(), testMode,
        ModuleLayer.boot().findModule(VECTOR_MODULE)), threads);
  }

  /** @return the plain-Java reference implementation */
  public static KernelOps scalar() {
    return new ScalarKernelOps();
  }

  static KernelOps instantiate(Selection selection, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (selection.panama() == null && selection.required()) {
      throw new IllegalStateException(
          "-D" + KernelSettings.KERNELS + "=simd but " + selection.reason());
    }
    if (selection.panama() == null) {
      return scalar();
    }
    KernelOps ops = construct(selection.panama(), threads);
    LOG.info("kernels={} bitSize={} fma={} threads={}", ops.name(), ops.vectorBitSize(),
        selection.fma(), ops.threads());
    return ops;
  }

  /**
   * The checks, in order, without touching any vector class until the module is known to be
   * readable. Logs one WARN line when the answer is the scalar reference, unless the Vector API
   * kernels are required: then {@link #instantiate} throws instead.
   */
  static Selection select(KernelSettings settings, boolean testMode, Optional<Module> vectorModule) {
    String reason = scalarReason(settings, testMode, vectorModule);
    MethodHandle ctor = null;
    boolean fma = false;
    if (reason == null) {
      try {
        vectorModule.ifPresent(KernelOpsProvider.class.getModule()::addReads);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?> panama = lookup.findClass(PANAMA_CLASS);
        ctor = lookup.findConstructor(panama, MethodType.methodType(void.class, int.class));
        // a one-thread probe runs the constructor's width checks without starting threads
        KernelOps probe = construct(ctor, 1);
        fma = (boolean) lookup.findVirtual(panama, "fma", MethodType.methodType(boolean.class))
            .invoke(probe);
      } catch (UnsupportedOperationException e) {
        reason = "Vector API kernels unsupported here: " + e.getMessage();
        ctor = null;
      } catch (Throwable e) {
        // anything else (missing class, linkage error) is a broken build: say so, still run
        reason = "Vector API kernels failed to load: " + e;
        ctor = null;
      }
    }
    boolean required = "simd".equals(settings.kernels());
    if (reason != null && !required) {
      LOG.warn("kernels=scalar: {}", reason);
    }
    return new Selection(ctor, fma, reason, required);
  }

  private static String scalarReason(KernelSettings settings, boolean testMode,
      Optional<Module> vectorModule) {
    String kernels = settings.kernels();
    if (!kernels.equals("auto") && !kernels.equals("scalar") && !kernels.equals("simd")) {
      return "unknown -D" + KernelSettings.KERNELS + "=" + kernels + " (expected auto, scalar or simd)";
    }
    if (kernels.equals("scalar")) {
      return "forced by -D" + KernelSettings.KERNELS + "=scalar";
    }
    if (settings.vectorBitSize() == KernelSettings.INVALID) {
      return invalidWidth(KernelSettings.VECTOR_BIT_SIZE);
    }
    if (settings.testsVectorBitSize() == KernelSettings.INVALID) {
      return invalidWidth(KernelSettings.TESTS_VECTOR_BIT_SIZE);
    }
    if (settings.vectorBitSize() == 0) {
      return "forced by -D" + KernelSettings.VECTOR_BIT_SIZE + "=0";
    }
    if (vectorModule.isEmpty()) {
      return "Java module " + VECTOR_MODULE + " is not readable; pass '--add-modules "
          + VECTOR_MODULE + "' to the JVM to enable the Vector API kernels";
    }
    if (!testMode && settings.testsVectorBitSize() >= 0) {
      return "-D" + KernelSettings.TESTS_VECTOR_BIT_SIZE + " is for kernel tests only";
    }
    return null;
  }

  private static String invalidWidth(String property) {
    return "-D" + property + "=" + KernelSettings.raw(property)
        + " is not a width in bits (0, 128, 256 or 512)";
  }

  private static KernelOps construct(MethodHandle ctor, int threads) {
    try {
      return (KernelOps) ctor.invoke(threads);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot construct " + PANAMA_CLASS, t);
    }
  }
}
