package org.rnnlab.kernels;

import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.kernels.internal.ScalarKernelOps;

/**
 * Chooses the {@link KernelOps} implementation once per JVM.
 *
 * <p>This first version always returns the scalar reference; the Vector API implementation and
 * its selection rules (module present, preferred width >= 128 bits, {@code -Drnnlab.kernels})
 * arrive with the SIMD kernels.
 */
public final class KernelOpsProvider {
  private KernelOpsProvider() {}

  /**
   * @param threads threads the kernels may use (>= 1)
   * @return the kernels for this JVM
   */
  public static KernelOps create(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    return scalar();
  }

  /** @return the plain-Java reference implementation */
  public static KernelOps scalar() {
    return new ScalarKernelOps();
  }
}
