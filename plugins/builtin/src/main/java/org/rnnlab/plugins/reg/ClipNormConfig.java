package org.rnnlab.plugins.reg;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Options of {@link ClipNorm}.
 *
 * @param maxNorm the largest global L2 norm let through
 */
public record ClipNormConfig(
    @Doc("Largest global L2 norm of all gradients together (torch.nn.utils.clip_grad_norm_ max_norm).")
        double maxNorm)
    implements PluginConfig {

  /** Requires a finite {@code maxNorm > 0}. */
  public ClipNormConfig {
    if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
      throw new IllegalArgumentException("maxNorm: expected a finite value > 0 but got " + maxNorm);
    }
  }

  /** @return max norm 1.0 (a common choice for recurrent networks, e.g. Pascanu et al. 2013) */
  public static ClipNormConfig defaults() {
    return new ClipNormConfig(1.0);
  }
}
