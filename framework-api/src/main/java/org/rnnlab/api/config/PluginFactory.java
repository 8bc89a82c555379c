package org.rnnlab.api.config;

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
}
