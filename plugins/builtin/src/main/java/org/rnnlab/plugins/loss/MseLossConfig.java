package org.rnnlab.plugins.loss;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Options of {@link MseLoss}.
 *
 * @param reduction {@code mean} or {@code sum}
 */
public record MseLossConfig(
    @Doc("'mean' (PyTorch default: average over unmasked elements) or 'sum'.") String reduction)
    implements PluginConfig {

  /** Validates the reduction key. */
  public MseLossConfig {
    Reduction.parse(reduction);
  }

  /** @return PyTorch's defaults ({@code reduction = mean}) */
  public static MseLossConfig defaults() {
    return new MseLossConfig("mean");
  }
}
