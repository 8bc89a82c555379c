package org.rnnlab.api.task;

import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;

/**
 * Creates tasks of one type key (YAML {@code task.type}, e.g. {@code adding}).
 *
 * @param <C> the task's config record
 */
public interface TaskFactory<C extends PluginConfig> extends PluginFactory<C> {

  /**
   * @param config the task's parameters
   * @return an immutable task
   */
  Task create(C config);

  /**
   * Untyped entry point used after spec parsing.
   *
   * @param config a config of {@link #configType()}
   * @return the task
   */
  default Task createFrom(PluginConfig config) {
    return create(cast(config));
  }
}
