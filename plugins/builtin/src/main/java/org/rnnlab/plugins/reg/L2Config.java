package org.rnnlab.plugins.reg;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Options of {@link L2Penalty}.
 *
 * @param coefficient the penalty strength {@code lambda}
 * @param excludeBiases whether bias parameters are left out
 */
public record L2Config(
    @Doc("Strength lambda: adds lambda * w to each gradient and 0.5 * lambda * ||w||^2 to the loss.")
        double coefficient,
    @Doc("Leave out bias parameters (names whose last '.'-separated part starts with 'bias').")
        boolean excludeBiases)
    implements PluginConfig {

  /** Requires a finite coefficient {@code >= 0}. */
  public L2Config {
    Penalties.checkCoefficient(coefficient);
  }

  /** @return coefficient 1e-4, biases excluded */
  public static L2Config defaults() {
    return new L2Config(1e-4, true);
  }
}
