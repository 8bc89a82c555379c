package org.rnnlab.api.diag;

/**
 * On which training steps the per-step probes run ({@code ||dL/dh_t||}, gate saturation,
 * per-parameter statistics) and, separately, the recurrent-weight spectra, which cost
 * {@code O(H^3)} per matrix (tens to hundreds of milliseconds at {@code H = 256}) and so usually
 * run less often.
 *
 * <p>A step is wanted when {@code step % every == 0}, so step 0 (the untrained network) is
 * always sampled. Cheap scalars (loss, learning rate) may be reported on every step regardless.
 *
 * @param every run the probes on one step in {@code every}; at least 1
 * @param spectrumEvery compute recurrent-weight spectra on one step in {@code spectrumEvery};
 *     at least 1
 */
public record DiagnosticsCadence(long every, long spectrumEvery) {

  /** Validates the periods. */
  public DiagnosticsCadence {
    if (every < 1 || spectrumEvery < 1) {
      throw new IllegalArgumentException("diagnostics cadence must be at least 1 step, got every="
          + every + " spectrumEvery=" + spectrumEvery);
    }
  }

  /**
   * A cadence that computes spectra on the same steps as the other probes.
   *
   * @param every run all probes on one step in {@code every}
   */
  public DiagnosticsCadence(long every) {
    this(every, every);
  }

  /**
   * @param step the training step (0-based optimizer updates)
   * @return true when the probes should run on this step
   */
  public boolean wants(long step) {
    return step >= 0 && step % every == 0;
  }

  /**
   * @param step the training step
   * @return true when recurrent-weight spectra should be computed on this step
   */
  public boolean wantsSpectrum(long step) {
    return step >= 0 && step % spectrumEvery == 0;
  }
}
