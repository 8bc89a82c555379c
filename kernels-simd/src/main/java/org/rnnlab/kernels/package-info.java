/** Kernel selection; the implementations live in the internal package. */
package org.rnnlab.kernels;
