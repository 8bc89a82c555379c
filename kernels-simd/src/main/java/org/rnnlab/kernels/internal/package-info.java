/** Kernel implementations. Internal: use {@link org.rnnlab.kernels.KernelOpsProvider}. */
package org.rnnlab.kernels.internal;
