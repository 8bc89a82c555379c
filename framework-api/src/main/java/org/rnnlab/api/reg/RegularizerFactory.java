package org.rnnlab.api.reg;

import java.util.function.Function;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.api.config.PluginFactory.Described;
import org.rnnlab.api.config.PluginFactory.Descriptor;

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

  /**
   * A factory from its three descriptive values and a creator function, for regularizers
   * whose factory has no state of its own, e.g.
   * {@code RegularizerFactory.of(MyConfig.class, MyConfig.defaults(), "Doc.", MyRegularizer::new)}.
   *
   * @param configType the config record class
   * @param defaults the config used when a spec gives no keys
   * @param description one line shown by {@code rnnlab spec --explain}
   * @param creator makes a regularizer from its config; must be thread-safe
   * @param <C> the config record type
   * @return a stateless, thread-safe factory
   */
  static <C extends PluginConfig> RegularizerFactory<C> of(
      Class<C> configType, C defaults, String description, Function<C, Regularizer> creator) {
    // Local, so that the API shows only the family interface.
    record Simple<C extends PluginConfig>(
        Descriptor<C> descriptor, Function<C, Regularizer> creator)
        implements RegularizerFactory<C>, Described<C> {
      @Override
      public Regularizer create(C config) {
        return creator.apply(config);
      }
    }

    return new Simple<>(new Descriptor<>(configType, defaults, description), creator);
  }
}
