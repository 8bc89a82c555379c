package org.rnnlab.api.metric;

import java.util.function.Function;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.api.config.PluginFactory.Described;
import org.rnnlab.api.config.PluginFactory.Descriptor;

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

  /**
   * A factory from its three descriptive values and a creator function, for metrics whose factory
   * has no state of its own, e.g.
   * {@code MetricFactory.of(MyConfig.class, MyConfig.defaults(), "One line.", MyMetric::new)}.
   *
   * @param configType the config record class
   * @param defaults the config used when a spec gives no keys
   * @param description one line shown by {@code rnnlab spec --explain}
   * @param creator makes a metric from its config; must be thread-safe
   * @param <C> the config record type
   * @return a stateless, thread-safe factory
   */
  static <C extends PluginConfig> MetricFactory<C> of(
      Class<C> configType, C defaults, String description, Function<C, Metric> creator) {
    // Local, so that the API shows only the family interface.
    record Simple<C extends PluginConfig>(
        Descriptor<C> descriptor, Function<C, Metric> creator)
        implements MetricFactory<C>, Described<C> {
      @Override
      public Metric create(C config) {
        return creator.apply(config);
      }
    }

    return new Simple<>(new Descriptor<>(configType, defaults, description), creator);
  }
}
