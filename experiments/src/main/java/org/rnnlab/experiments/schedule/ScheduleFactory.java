package org.rnnlab.experiments.schedule;

import java.util.function.BiFunction;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.api.config.PluginFactory.Described;
import org.rnnlab.api.config.PluginFactory.Descriptor;

/**
 * Creates schedules of one type key (YAML {@code optimizer.schedule.type}).
 *
 * @param <C> the schedule's config record
 */
public interface ScheduleFactory<C extends PluginConfig> extends PluginFactory<C> {
  /**
   * @param config the schedule's parameters
   * @param totalSteps the run's planned number of optimizer steps (for schedules that end)
   * @return the schedule
   */
  LrSchedule create(C config, long totalSteps);

  /**
   * @param config a config of {@link #configType()}
   * @param totalSteps the run's planned number of optimizer steps
   * @return the schedule
   */
  default LrSchedule createFrom(PluginConfig config, long totalSteps) {
    return create(cast(config), totalSteps);
  }

  /**
   * A factory from its three descriptive values and a creator function, e.g.
   * {@code ScheduleFactory.of(NoConfig.class, new NoConfig(), "Doc.", (c, total) -> step -> 1.0)}.
   *
   * @param configType the config record class
   * @param defaults the config used when a spec gives no keys
   * @param description one line shown by {@code rnnlab spec --explain}
   * @param creator makes a schedule from its config and the run's planned number of optimizer
   *     steps; must be thread-safe
   * @param <C> the config record type
   * @return a stateless, thread-safe factory
   */
  static <C extends PluginConfig> ScheduleFactory<C> of(Class<C> configType, C defaults,
      String description, BiFunction<C, Long, LrSchedule> creator) {
    // Local, so that the API shows only the family interface.
    record Simple<C extends PluginConfig>(
        Descriptor<C> descriptor, BiFunction<C, Long, LrSchedule> creator)
        implements ScheduleFactory<C>, Described<C> {
      @Override
      public LrSchedule create(C config, long totalSteps) {
        return creator.apply(config, totalSteps);
      }
    }

    return new Simple<>(new Descriptor<>(configType, defaults, description), creator);
  }
}
