package org.rnnlab.plugins.optim;

/** Range checks of optimizer hyper-parameters, with {@code torch.optim}'s rules. */
final class HyperChecks {
  private HyperChecks() {}

  /** Requires {@code value >= 0} and finite. */
  static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + ": expected a finite value >= 0 but got " + value);
    }
  }

  /** Requires {@code 0 <= value < 1}. */
  static void unitInterval(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + ": expected a value in [0, 1) but got " + value);
    }
  }
}
