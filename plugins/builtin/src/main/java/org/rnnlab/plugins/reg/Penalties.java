package org.rnnlab.plugins.reg;

/** Rules shared by the penalty regularizers. */
final class Penalties {
  private Penalties() {}

  static void checkCoefficient(double coefficient) {
    if (!(coefficient >= 0) || Double.isInfinite(coefficient)) {
      throw new IllegalArgumentException(
          "coefficient: expected a finite value >= 0 but got " + coefficient);
    }
  }

  /**
   * PyTorch names biases {@code bias_ih_l0}, {@code bias_hh_l1_reverse}, {@code head.bias}: the
   * part after the last dot starts with "bias".
   *
   * @param name a parameter name
   * @return whether it names a bias
   */
  static boolean isBias(String name) {
    return name.substring(name.lastIndexOf('.') + 1).startsWith("bias");
  }
}
