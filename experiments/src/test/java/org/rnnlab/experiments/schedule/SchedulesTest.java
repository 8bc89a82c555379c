package org.rnnlab.experiments.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.config.NoConfig;

class SchedulesTest {
  private static LrSchedule make(String type, org.rnnlab.api.config.PluginConfig config, long total) {
    return Schedules.builtin().get(type).createFrom(config, total);
  }

  @Test
  void stepScheduleDecaysByGammaEveryStepSizeLikeStepLr() {
    LrSchedule s = make("step", new Schedules.StepConfig(10, 0.5), 100);
    assertEquals(1.0, s.factor(9));
    assertEquals(0.5, s.factor(10));
    assertEquals(0.25, s.factor(25));
  }

  @Test
  void cosineGoesFromOneToMinFactorOverTheRun() {
    LrSchedule s = make("cosine", new Schedules.CosineConfig(0, 0.1), 100);
    assertEquals(1.0, s.factor(0), 1e-15);
    assertEquals(0.55, s.factor(50), 1e-12);
    assertEquals(0.1, s.factor(100), 1e-15);
    assertEquals(0.1, s.factor(150), 1e-15);
  }

  @Test
  void warmupRisesLinearlyThenHolds() {
    LrSchedule s = make("linear_warmup", new Schedules.WarmupConfig(4), 100);
    assertEquals(0.25, s.factor(0));
    assertEquals(1.0, s.factor(3));
    assertEquals(1.0, s.factor(50));
  }

  @Test
  void exponentialAndConstant() {
    assertEquals(0.81, make("exponential", new Schedules.ExponentialConfig(0.9), 10).factor(2), 1e-15);
    assertEquals(1.0, make("constant", new NoConfig(), 10).factor(1234));
  }
}
