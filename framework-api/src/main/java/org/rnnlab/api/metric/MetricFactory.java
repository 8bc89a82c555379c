package org.rnnlab.api.metric;

import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;

/**
 * Creates metrics of one type key (YAML {@code training.metrics[]}).
 *
 * @param <C> the metric's config record
 */
public interface MetricFactory<C extends PluginConfig> extends PluginFactory<C> {
  /**
   * @param config options
   * @return a new metric
   */
  Metric create(C config);

  /**
   * @param config a config of {@link #configType()}
   * @return a new metric
   */
  default Metric createFrom(PluginConfig config) {
    return create(cast(config));
  }
}
