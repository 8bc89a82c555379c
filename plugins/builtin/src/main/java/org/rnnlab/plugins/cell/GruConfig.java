package org.rnnlab.plugins.cell;

import java.util.List;
import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Options of the {@code gru} cell.
 *
 * @param variant {@value #PYTORCH} or {@value #CHO2014}
 */
public record GruConfig(
    @Doc("Where the reset gate acts. 'pytorch' (default, as torch.nn.GRU and cuDNN): "
        + "n = tanh(W_in x + b_in + r * (W_hn h + b_hn)). 'cho2014' (Cho et al. 2014, the original): "
        + "n = tanh(W_in x + b_in + W_hn (r * h) + b_hn).")
    String variant) implements PluginConfig {

  /** Reset gate applied after the recurrent matrix product, as torch.nn.GRU. */
  public static final String PYTORCH = "pytorch";
  /** Reset gate applied to h before the recurrent matrix product, as Cho et al. 2014. */
  public static final String CHO2014 = "cho2014";

  private static final List<String> VARIANTS = List.of(PYTORCH, CHO2014);

  /** Rejects unknown variants, listing the known ones. */
  public GruConfig {
    if (!VARIANTS.contains(variant)) {
      throw new IllegalArgumentException(
          "gru variant must be one of " + VARIANTS + ", got '" + variant + "'.");
    }
  }

  /** @return the PyTorch variant */
  public static GruConfig defaults() {
    return new GruConfig(PYTORCH);
  }
}
