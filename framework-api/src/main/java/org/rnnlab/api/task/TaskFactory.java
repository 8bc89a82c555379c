package org.rnnlab.api.task;

import java.util.function.Function;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.api.config.PluginFactory.Described;
import org.rnnlab.api.config.PluginFactory.Descriptor;

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

  /**
   * A factory from its three descriptive values and a creator function, for tasks whose factory
   * has no state of its own, e.g.
   * {@code TaskFactory.of(MyConfig.class, MyConfig.defaults(), "One line.", MyTask::new)}.
   *
   * @param configType the config record class
   * @param defaults the config used when a spec gives no keys
   * @param description one line shown by {@code rnnlab spec --explain}
   * @param creator makes a task from its config; must be thread-safe
   * @param <C> the config record type
   * @return a stateless, thread-safe factory
   */
  static <C extends PluginConfig> TaskFactory<C> of(
      Class<C> configType, C defaults, String description, Function<C, Task> creator) {
    // Local, so that the API shows only the family interface.
    record Simple<C extends PluginConfig>(
        Descriptor<C> descriptor, Function<C, Task> creator)
        implements TaskFactory<C>, Described<C> {
      @Override
      public Task create(C config) {
        return creator.apply(config);
      }
    }

    return new Simple<>(new Descriptor<>(configType, defaults, description), creator);
  }
}
