package org.rnnlab.plugins.loss;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Options of {@link CrossEntropyLoss}.
 *
 * @param reduction {@code mean} or {@code sum}
 */
public record CrossEntropyLossConfig(
    @Doc("'mean' (PyTorch default: average over unmasked rows) or 'sum'.") String reduction)
    implements PluginConfig {

  /** Validates the reduction key. */
  public CrossEntropyLossConfig {
    Reduction.parse(reduction);
  }

  /** @return PyTorch's defaults ({@code reduction = mean}) */
  public static CrossEntropyLossConfig defaults() {
    return new CrossEntropyLossConfig("mean");
  }
}
