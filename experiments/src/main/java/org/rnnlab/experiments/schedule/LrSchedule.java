package org.rnnlab.experiments.schedule;

/**
 * The learning rate as a function of the step: {@code lr(step) = baseLr * factor(step)}, where
 * {@code baseLr} is the optimizer's configured rate. The trainer calls {@code
 * optimizer.setLearningRate(baseLr * factor(step))} before each optimizer step, {@code step}
 * counting from 0. <b>Pure function of the step</b>, so resuming needs no schedule state.
 */
public interface LrSchedule {
  /**
   * @param step optimizer steps already taken (0 for the first update)
   * @return the multiplier of the base learning rate, {@code >= 0}
   */
  double factor(long step);
}
