package org.rnnlab.plugins.reg;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Options of {@link L1Penalty}.
 *
 * @param coefficient the penalty strength {@code lambda}
 * @param excludeBiases whether bias parameters are left out
 */
public record L1Config(
    @Doc("Strength lambda: adds lambda * sign(w) to each gradient and lambda * ||w||_1 to the loss.")
        double coefficient,
    @Doc("Leave out bias parameters (names whose last '.'-separated part starts with 'bias').")
        boolean excludeBiases)
    implements PluginConfig {

  /** Requires a finite coefficient {@code >= 0}. */
  public L1Config {
    Penalties.checkCoefficient(coefficient);
  }

  /** @return coefficient 1e-5, biases excluded */
  public static L1Config defaults() {
    return new L1Config(1e-5, true);
  }
}
