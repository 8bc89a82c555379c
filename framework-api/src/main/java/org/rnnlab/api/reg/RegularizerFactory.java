package org.rnnlab.api.reg;

import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;

/**
 * Creates regularizers of one type key (YAML {@code regularizers[].type}).
 *
 * @param <C> the regularizer's config record
 */
public interface RegularizerFactory<C extends PluginConfig> extends PluginFactory<C> {
  /**
   * @param config options
   * @return a new regularizer
   */
  Regularizer create(C config);

  /**
   * @param config a config of {@link #configType()}
   * @return a new regularizer
   */
  default Regularizer createFrom(PluginConfig config) {
    return create(cast(config));
  }
}
