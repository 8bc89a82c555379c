package org.rnnlab.api.kernel;

/** Pointwise activation functions known to {@link KernelOps}. */
public enum Activation {
  /** {@code tanh(x)}; derivative from the output: {@code 1 - y^2}. */
  TANH,
  /** {@code max(0, x)}; derivative from the output: {@code y > 0 ? 1 : 0}. */
  RELU,
  /** {@code 1 / (1 + exp(-x))}; derivative from the output: {@code y (1 - y)}. */
  SIGMOID,
  /** {@code x}; derivative 1. */
  IDENTITY
}
