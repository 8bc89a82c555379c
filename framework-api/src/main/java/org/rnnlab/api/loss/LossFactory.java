package org.rnnlab.api.loss;

import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;

/**
 * Creates losses of one type key (YAML {@code loss.type}).
 *
 * @param <C> the loss's config record
 */
public interface LossFactory<C extends PluginConfig> extends PluginFactory<C> {
  /**
   * @param config options
   * @return a new loss
   */
  Loss create(C config);

  /**
   * @param config a config of {@link #configType()}
   * @return a new loss
   */
  default Loss createFrom(PluginConfig config) {
    return create(cast(config));
  }
}
