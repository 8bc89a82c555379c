package org.rnnlab.experiments.schedule;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.config.PluginConfig;

/**
 * The built-in schedules, keyed by YAML name. Formulas follow {@code torch.optim.lr_scheduler}
 * ({@code StepLR}, {@code ExponentialLR}, {@code CosineAnnealingLR}) and the linear warm-up of
 * Goyal et al. 2017.
 */
public final class Schedules {
  private Schedules() {}

  /** @return every built-in schedule factory by type key, sorted */
  public static SortedMap<String, ScheduleFactory<?>> builtin() {
    SortedMap<String, ScheduleFactory<?>> m = new TreeMap<>();
    m.put("constant", ScheduleFactory.of(NoConfig.class, new NoConfig(),
        "Constant learning rate: factor 1.", (c, total) -> step -> 1.0));
    m.put("step", ScheduleFactory.of(StepConfig.class, new StepConfig(1000, 0.1),
        "StepLR: multiply by gamma every step_size steps.",
        (c, total) -> step -> Math.pow(c.gamma(), Math.floorDiv(step, c.stepSize()))));
    m.put("exponential", ScheduleFactory.of(ExponentialConfig.class, new ExponentialConfig(0.999),
        "ExponentialLR: multiply by gamma every step.",
        (c, total) -> step -> Math.pow(c.gamma(), step)));
    m.put("cosine", ScheduleFactory.of(CosineConfig.class, new CosineConfig(0, 0.0),
        "CosineAnnealingLR: half a cosine from 1 down to min_factor over t_max steps.",
        (c, total) -> cosine(c, total)));
    m.put("linear_warmup", ScheduleFactory.of(WarmupConfig.class, new WarmupConfig(100),
        "Linear warm-up (Goyal et al. 2017): factor (step+1)/warmup_steps, then 1.",
        (c, total) -> step -> Math.min(1.0, (step + 1.0) / c.warmupSteps())));
    return Collections.unmodifiableSortedMap(m);
  }

  private static LrSchedule cosine(CosineConfig c, long total) {
    long tMax = c.tMax() > 0 ? c.tMax() : Math.max(1, total);
    return step -> {
      double progress = Math.min(step, tMax) / (double) tMax;
      return c.minFactor() + (1 - c.minFactor()) * (1 + Math.cos(Math.PI * progress)) / 2;
    };
  }

  /**
   * @param stepSize steps between decays
   * @param gamma decay factor
   */
  public record StepConfig(
      @Doc("Steps between two decays.") long stepSize,
      @Doc("Multiplier applied at each decay.") double gamma) implements PluginConfig {
    /** Rejects a non-positive period or a negative factor. */
    public StepConfig {
      if (stepSize < 1 || gamma < 0) {
        throw new IllegalArgumentException(
            "step schedule: needs step_size >= 1 and gamma >= 0, got step_size=" + stepSize
                + " gamma=" + gamma + ".");
      }
    }
  }

  /** @param gamma per-step decay factor */
  public record ExponentialConfig(@Doc("Multiplier applied every step.") double gamma)
      implements PluginConfig {
    /** Rejects a negative factor. */
    public ExponentialConfig {
      if (gamma < 0) {
        throw new IllegalArgumentException("exponential schedule: gamma must be >= 0, got " + gamma + ".");
      }
    }
  }

  /**
   * @param tMax steps of the half cosine
   * @param minFactor final factor
   */
  public record CosineConfig(
      @Doc("Steps of the half cosine; 0 means the run's training.steps.") long tMax,
      @Doc("Factor reached at t_max (PyTorch's eta_min / lr).") double minFactor)
      implements PluginConfig {
    /** Rejects negative values. */
    public CosineConfig {
      if (tMax < 0 || minFactor < 0 || minFactor > 1) {
        throw new IllegalArgumentException(
            "cosine schedule: needs t_max >= 0 and min_factor in [0, 1], got t_max=" + tMax
                + " min_factor=" + minFactor + ".");
      }
    }
  }

  /** @param warmupSteps steps until the full rate */
  public record WarmupConfig(@Doc("Steps of linear increase up to the base rate.") long warmupSteps)
      implements PluginConfig {
    /** Rejects a non-positive warm-up. */
    public WarmupConfig {
      if (warmupSteps < 1) {
        throw new IllegalArgumentException(
            "linear_warmup schedule: warmup_steps must be >= 1, got " + warmupSteps + ".");
      }
    }
  }
}
