/**
 * Built-in regularizers: L2 and L1 penalties ({@code PENALTY} stage) and gradient clipping by
 * global norm or by value ({@code GRADIENT} stage), with PyTorch's clipping semantics.
 */
package org.rnnlab.plugins.reg;
