/** The kernel SPI: every heavy numeric operation goes through {@link org.rnnlab.api.kernel.KernelOps}. */
package org.rnnlab.api.kernel;
