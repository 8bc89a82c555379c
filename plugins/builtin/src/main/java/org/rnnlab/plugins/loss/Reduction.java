package org.rnnlab.plugins.loss;

import java.util.Locale;

/** How a loss reduces per-element values to one number (PyTorch's {@code reduction}). */
public enum Reduction {
  /** Average over unmasked elements (rows for cross-entropy); PyTorch's default. */
  MEAN,
  /** Sum over unmasked elements. */
  SUM;

  /**
   * @param key {@code "mean"} or {@code "sum"}
   * @return the reduction
   * @throws IllegalArgumentException naming the valid keys
   */
  public static Reduction parse(String key) {
    if (key != null) {
      for (Reduction r : values()) {
        if (r.key().equals(key)) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException("reduction: expected 'mean' or 'sum' but got '" + key + "'");
  }

  /** @return the YAML key ({@code "mean"}, {@code "sum"}) */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param count number of unmasked elements (or the sum of mask weights times the row width)
   * @return the factor every summed term is multiplied by: {@code 1/count} for mean (0 when
   *     nothing is unmasked, so that an all-masked batch gives loss 0 and zero gradient instead of
   *     PyTorch's NaN), 1 for sum
   */
  double factor(double count) {
    if (this == SUM) {
      return 1;
    }
    return count == 0 ? 0 : 1 / count;
  }
}
