package org.rnnlab.api.optim;

import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;

/**
 * Creates optimizers of one type key (YAML {@code optimizer.type}).
 *
 * @param <C> the optimizer's config record
 */
public interface OptimizerFactory<C extends PluginConfig> extends PluginFactory<C> {
  /**
   * @param config hyper-parameters
   * @return a new, unbound optimizer
   */
  Optimizer create(C config);

  /**
   * @param config a config of {@link #configType()}
   * @return a new, unbound optimizer
   */
  default Optimizer createFrom(PluginConfig config) {
    return create(cast(config));
  }
}
