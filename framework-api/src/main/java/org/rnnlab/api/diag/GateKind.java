package org.rnnlab.api.diag;

/**
 * The nonlinearity producing a gate's output, which fixes what "saturated" means for it: an
 * output where the derivative is nearly zero, so almost no gradient passes through the gate.
 */
public enum GateKind {
  /**
   * {@code sigmoid}: saturated when {@code y < 0.05} or {@code y > 0.95} (derivative
   * {@code y (1 - y) < 0.0475}, under a fifth of its maximum 0.25).
   */
  SIGMOID,
  /**
   * {@code tanh}: saturated when {@code |y| > 0.95} (derivative {@code 1 - y^2 < 0.0975}, under a
   * tenth of its maximum 1).
   */
  TANH;

  /** Lower sigmoid threshold. */
  public static final double SIGMOID_LOW = 0.05;
  /** Upper sigmoid threshold. */
  public static final double SIGMOID_HIGH = 0.95;
  /** Threshold on {@code |tanh|}. */
  public static final double TANH_ABS = 0.95;

  /**
   * @param y a gate output
   * @return true when {@code y} lies in this kind's saturated region (NaN is not saturated)
   */
  public boolean saturated(double y) {
    return this == SIGMOID ? (y < SIGMOID_LOW || y > SIGMOID_HIGH) : Math.abs(y) > TANH_ABS;
  }
}
