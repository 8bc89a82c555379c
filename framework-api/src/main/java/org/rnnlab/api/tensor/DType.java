package org.rnnlab.api.tensor;

/**
 * Element type of a {@link Tensor}.
 *
 * <p>Training runs in {@link #FLOAT32}; finite-difference gradient checks run the very same code
 * in {@link #FLOAT64} so that truncation error, not rounding, dominates the comparison (as
 * {@code torch.autograd.gradcheck} does with double tensors).
 */
public enum DType {
  /** IEEE 754 binary32, stored in a {@code float[]}. */
  FLOAT32,
  /** IEEE 754 binary64, stored in a {@code double[]}. */
  FLOAT64
}
