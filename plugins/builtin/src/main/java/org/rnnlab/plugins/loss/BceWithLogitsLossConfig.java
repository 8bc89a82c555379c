package org.rnnlab.plugins.loss;

import java.util.List;
import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Options of {@link BceWithLogitsLoss}.
 *
 * @param reduction {@code mean} or {@code sum}
 * @param posWeight weight of the positive term, one value for all columns or one per column;
 *     empty for none
 */
public record BceWithLogitsLossConfig(
    @Doc("'mean' (PyTorch default: average over unmasked elements) or 'sum'.") String reduction,
    @Doc("Weight of positive examples (PyTorch pos_weight): [] for none, one value for every column,"
        + " or one per column.") List<Double> posWeight)
    implements PluginConfig {

  /** Validates the reduction and copies the weights (null means none). */
  public BceWithLogitsLossConfig {
    Reduction.parse(reduction);
    posWeight = posWeight == null ? List.of() : List.copyOf(posWeight);
    for (double w : posWeight) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("posWeight: expected finite values >= 0 but got " + posWeight);
      }
    }
  }

  /** @return PyTorch's defaults ({@code reduction = mean}, no pos_weight) */
  public static BceWithLogitsLossConfig defaults() {
    return new BceWithLogitsLossConfig("mean", List.of());
  }
}
