package org.rnnlab.experiments.run;

import java.util.ServiceLoader;
import org.rnnlab.experiments.UserError;

/**
 * Finds the {@link TrainingJob} implementation, listed in
 * {@code META-INF/services/org.rnnlab.experiments.run.TrainingJob} of the jar that provides it.
 * This build has none yet: until the trainer is merged, {@code rnnlab run} validates the spec
 * completely and then stops here, before anything is written.
 */
public final class TrainerLookup {
  private TrainerLookup() {}

  /**
   * @return the trainer
   * @throws UserError when no implementation is on the class path
   */
  public static TrainingJob find() {
    return ServiceLoader.load(TrainingJob.class).findFirst().orElseThrow(() -> new UserError(
        "trainer not available: the spec is valid, but this build of rnnlab has no TrainingJob "
            + "implementation (nothing was written)"));
  }
}
