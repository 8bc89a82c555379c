package org.rnnlab.api.config;

import java.util.Objects;

/**
 * What every plugin family's factory shares: its config record type, the defaults and a one-line
 * description. Factories are stateless and thread-safe; they are bound once per type key.
 *
 * @param <C> the config record type
 */
public interface PluginFactory<C extends PluginConfig> {

  /** @return the config record class, whose components and {@link Doc} text define the YAML keys */
  Class<C> configType();

  /** @return the config used when a spec gives no keys (paper defaults where a paper exists) */
  C defaults();

  /** @return one line shown by {@code rnnlab spec --explain} */
  String description();

  /**
   * Checked cast of a config produced by spec parsing.
   *
   * @param config a config instance, expected to be of {@link #configType()}
   * @return the same config, typed
   * @throws IllegalArgumentException when the config belongs to another plugin
   */
  default C cast(PluginConfig config) {
    if (!configType().isInstance(config)) {
      throw new IllegalArgumentException(
          "config " + config.getClass().getSimpleName() + " given to a plugin expecting "
              + configType().getSimpleName());
    }
    return configType().cast(config);
  }

  /**
   * The three descriptive values of a factory, shared by the factories that the family helpers
   * ({@code LossFactory.of}, {@code CellFactory.of}, ...) build. Immutable and thread-safe as long
   * as the defaults record is (config records are).
   *
   * @param configType the config record class
   * @param defaults the config used when a spec gives no keys; must be a {@code configType}
   * @param description one line shown by {@code rnnlab spec --explain}
   * @param <C> the config record type
   */
  record Descriptor<C extends PluginConfig>(Class<C> configType, C defaults, String description) {
    /**
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code defaults} is not a {@code configType}
     */
    public Descriptor {
      Objects.requireNonNull(configType, "configType");
      Objects.requireNonNull(defaults, "defaults");
      Objects.requireNonNull(description, "description");
      if (!configType.isInstance(defaults)) {
        throw new IllegalArgumentException("defaults " + defaults.getClass().getSimpleName()
            + " are not a " + configType.getSimpleName());
      }
    }
  }

  /**
   * A factory whose {@link #configType()}, {@link #defaults()} and {@link #description()} come
   * from one {@link Descriptor}; the family helpers' factories implement it so that this is the
   * only code answering those three questions.
   *
   * @param <C> the config record type
   */
  interface Described<C extends PluginConfig> extends PluginFactory<C> {
    /** @return the descriptive values of this factory */
    Descriptor<C> descriptor();

    @Override
    default Class<C> configType() {
      return descriptor().configType();
    }

    @Override
    default C defaults() {
      return descriptor().defaults();
    }

    @Override
    default String description() {
      return descriptor().description();
    }
  }
}
