package org.rnnlab.plugins.reg;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Options of {@link ClipValue}.
 *
 * @param clipValue the bound {@code v}: gradients are clamped to {@code [-v, v]}
 */
public record ClipValueConfig(
    @Doc("Clamp every gradient element to [-clipValue, clipValue] (torch.nn.utils.clip_grad_value_).")
        double clipValue)
    implements PluginConfig {

  /** Requires a finite {@code clipValue > 0}. */
  public ClipValueConfig {
    if (!(clipValue > 0) || Double.isInfinite(clipValue)) {
      throw new IllegalArgumentException("clipValue: expected a finite value > 0 but got " + clipValue);
    }
  }

  /** @return bound 1.0 */
  public static ClipValueConfig defaults() {
    return new ClipValueConfig(1.0);
  }
}
