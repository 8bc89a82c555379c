package org.rnnlab.experiments.spec;

import org.rnnlab.api.config.Doc;

/**
 * Gradient-flow diagnostics written to {@code diagnostics.h5}.
 *
 * @param every steps between collections, 0 to disable
 * @param spectrumEvery steps between recurrent-weight spectra, 0 for none; separate from
 *     {@code every} because each spectrum costs {@code O(H^3)} per matrix (hundreds of
 *     milliseconds at {@code H = 64} on a loaded 2-core machine)
 * @param perStepGradients record {@code ||dL/dh_t||} for every time step
 * @param gateSaturation record the fraction of saturated gate activations (bounds fixed by
 *     {@code GateKind}: sigmoid below 0.05 or above 0.95, |tanh| above 0.95)
 */
public record DiagnosticsSpec(
    @Doc("Steps between diagnostic collections; 0 disables them.") @Default("100") long every,
    @Doc("Steps between recurrent-weight spectra (O(H^3) each); 0 disables them.") @Default("1000")
        long spectrumEvery,
    @Doc("Record the norm of dL/dh_t at every time step (vanishing/exploding gradients).") @Default("true")
        boolean perStepGradients,
    @Doc("Record the fraction of gate activations near their bounds (sigmoid < 0.05 or > 0.95, |tanh| > 0.95).")
        @Default("true") boolean gateSaturation) {

  /** Rejects a negative cadence. */
  public DiagnosticsSpec {
    if (every < 0 || spectrumEvery < 0) {
      throw new IllegalArgumentException("diagnostics needs every >= 0 and spectrum_every >= 0, got every="
          + every + " spectrum_every=" + spectrumEvery);
    }
  }
}
