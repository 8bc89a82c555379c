package org.rnnlab.api;

import org.rnnlab.api.tensor.Tensor;

/**
 * A trainable tensor with its gradient, named as PyTorch names it ({@code weight_ih_l0},
 * {@code bias_hh_l1_reverse}, ...), so checkpoints and parity fixtures map one to one.
 *
 * <p>{@link #grad()} has the shape and dtype of {@link #value()}. Backward passes
 * <b>accumulate</b> into the gradient; the trainer calls {@link #zeroGrad()} between steps.
 *
 * @param name PyTorch-style parameter name, unique within a model
 * @param value the parameter values
 * @param grad the accumulated gradient
 */
public record Parameter(String name, Tensor value, Tensor grad) {

  /** Validates that value and gradient agree. */
  public Parameter {
    if (!value.sameShape(grad) || value.dtype() != grad.dtype()) {
      throw new IllegalArgumentException(name + ": gradient " + grad + " does not match value " + value);
    }
  }

  /**
   * A parameter with a fresh zero gradient.
   *
   * @param name PyTorch-style name
   * @param value the values
   * @return the parameter
   */
  public static Parameter of(String name, Tensor value) {
    return new Parameter(name, value, Tensor.zeros(value.dtype(), value.shape()));
  }

  /** Sets the gradient to zero. */
  public void zeroGrad() {
    grad.fill(0);
  }

  /**
   * @param newName the new name (e.g. with a layer suffix)
   * @return a parameter sharing value and gradient storage under another name
   */
  public Parameter renamed(String newName) {
    return new Parameter(newName, value, grad);
  }
}
