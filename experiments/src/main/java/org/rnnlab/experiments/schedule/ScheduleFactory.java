package org.rnnlab.experiments.schedule;

import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;

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
}
