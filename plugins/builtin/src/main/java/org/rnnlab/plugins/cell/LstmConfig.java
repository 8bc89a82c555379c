package org.rnnlab.plugins.cell;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Options of the {@code lstm} cell.
 *
 * @param forgetBias added to the forget-gate block of {@code bias_ih} after the uniform draw
 */
public record LstmConfig(
    @Doc("Added to the forget-gate bias after PyTorch's uniform initialisation. 0.0 reproduces "
        + "torch.nn.LSTM; Jozefowicz, Zaremba & Sutskever 2015 recommend 1.0 so that the cell "
        + "remembers by default early in training.")
    double forgetBias) implements PluginConfig {

  /** Rejects a non-finite bias. */
  public LstmConfig {
    if (!Double.isFinite(forgetBias)) {
      throw new IllegalArgumentException("lstm forgetBias must be finite, got " + forgetBias + ".");
    }
  }

  /** @return PyTorch's initialisation ({@code forgetBias = 0.0}) */
  public static LstmConfig defaults() {
    return new LstmConfig(0.0);
  }
}
