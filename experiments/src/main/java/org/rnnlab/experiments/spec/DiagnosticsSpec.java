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
 * @param gateSaturation record the fraction of saturated gate activations
 * @param saturationThreshold a sigmoid/tanh output within this distance of its bound is saturated
 */
public record DiagnosticsSpec(
    @Doc("Steps between diagnostic collections; 0 disables them.") @Default("100") long every,
    @Doc("Steps between recurrent-weight spectra (O(H^3) each); 0 disables them.") @Default("1000")
        long spectrumEvery,
    @Doc("Record the norm of dL/dh_t at every time step (vanishing/exploding gradients).") @Default("true")
        boolean perStepGradients,
    @Doc("Record the fraction of gate activations near their bounds.") @Default("true") boolean gateSaturation,
    @Doc("Distance from a bound (0 or 1 for sigmoid, +-1 for tanh) counted as saturated.") @Default("0.05")
        double saturationThreshold) {

  /** Rejects a negative cadence or a threshold outside (0, 0.5). */
  public DiagnosticsSpec {
    if (every < 0 || spectrumEvery < 0 || !(saturationThreshold > 0 && saturationThreshold < 0.5)) {
      throw new IllegalArgumentException("diagnostics needs every >= 0, spectrum_every >= 0 and "
          + "saturation_threshold in (0, 0.5), got every=" + every + " spectrum_every="
          + spectrumEvery + " saturation_threshold=" + saturationThreshold);
    }
  }
}
