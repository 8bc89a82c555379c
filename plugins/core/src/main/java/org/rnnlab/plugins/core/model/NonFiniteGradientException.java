package org.rnnlab.plugins.core.model;

/**
 * A gradient overflowed to NaN or infinity during back-propagation, from finite inputs. Training
 * loops treat it as a non-finite step (stop or skip), not as a programming error.
 */
public final class NonFiniteGradientException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final String tensor;
  private final int index;
  private final double value;

  /**
   * @param tensor name of the gradient tensor
   * @param index flat index of the first bad element
   * @param value that element
   */
  public NonFiniteGradientException(String tensor, int index, double value) {
    super("non-finite gradient " + tensor + "[" + index + "] = " + value);
    this.tensor = tensor;
    this.index = index;
    this.value = value;
  }

  /** @return the gradient tensor's name */
  public String tensor() {
    return tensor;
  }

  /** @return flat index of the first non-finite element */
  public int index() {
    return index;
  }

  /** @return the non-finite value */
  public double value() {
    return value;
  }
}
