package org.rnnlab.api.loss;

import java.util.function.Function;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.api.config.PluginFactory.Described;
import org.rnnlab.api.config.PluginFactory.Descriptor;

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

  /**
   * A factory from its three descriptive values and a creator function, for losses whose factory
   * has no state of its own, e.g.
   * {@code LossFactory.of(MyConfig.class, MyConfig.defaults(), "One line.", MyLoss::new)}.
   *
   * @param configType the config record class
   * @param defaults the config used when a spec gives no keys
   * @param description one line shown by {@code rnnlab spec --explain}
   * @param creator makes a loss from its config; must be thread-safe
   * @param <C> the config record type
   * @return a stateless, thread-safe factory
   */
  static <C extends PluginConfig> LossFactory<C> of(
      Class<C> configType, C defaults, String description, Function<C, Loss> creator) {
    // Local, so that the API shows only the family interface.
    record Simple<C extends PluginConfig>(Descriptor<C> descriptor, Function<C, Loss> creator)
        implements LossFactory<C>, Described<C> {
      @Override
      public Loss create(C config) {
        return creator.apply(config);
      }
    }

    return new Simple<>(new Descriptor<>(configType, defaults, description), creator);
  }
}
