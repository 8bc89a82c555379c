package org.rnnlab.api.diag;

/**
 * On which training steps the per-step probes run ({@code ||dL/dh_t||}, gate saturation,
 * recurrent-weight spectra, per-parameter statistics).
 *
 * <p>A step is wanted when {@code step % every == 0}, so step 0 (the untrained network) is
 * always sampled. Cheap scalars (loss, learning rate) may be reported on every step regardless.
 *
 * @param every sample one step in {@code every}; at least 1
 */
public record DiagnosticsCadence(long every) {

  /** Validates the period. */
  public DiagnosticsCadence {
    if (every < 1) {
      throw new IllegalArgumentException("diagnostics cadence must be at least 1 step, got " + every);
    }
  }

  /**
   * @param step the training step (0-based optimizer updates)
   * @return true when the probes should run on this step
   */
  public boolean wants(long step) {
    return step >= 0 && step % every == 0;
  }
}
