package org.rnnlab.api.optim;

import java.util.function.Function;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.api.config.PluginFactory.Described;
import org.rnnlab.api.config.PluginFactory.Descriptor;

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

  /**
   * A factory from its three descriptive values and a creator function, for optimizers
   * whose factory has no state of its own, e.g.
   * {@code OptimizerFactory.of(MyConfig.class, MyConfig.defaults(), "Doc.", MyOptimizer::new)}.
   *
   * @param configType the config record class
   * @param defaults the config used when a spec gives no keys
   * @param description one line shown by {@code rnnlab spec --explain}
   * @param creator makes an optimizer from its config; must be thread-safe
   * @param <C> the config record type
   * @return a stateless, thread-safe factory
   */
  static <C extends PluginConfig> OptimizerFactory<C> of(
      Class<C> configType, C defaults, String description, Function<C, Optimizer> creator) {
    // Local, so that the API shows only the family interface.
    record Simple<C extends PluginConfig>(
        Descriptor<C> descriptor, Function<C, Optimizer> creator)
        implements OptimizerFactory<C>, Described<C> {
      @Override
      public Optimizer create(C config) {
        return creator.apply(config);
      }
    }

    return new Simple<>(new Descriptor<>(configType, defaults, description), creator);
  }
}
