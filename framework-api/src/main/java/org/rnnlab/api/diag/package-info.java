/**
 * Training diagnostics: the {@link org.rnnlab.api.diag.DiagnosticsSink} that the trainer and the
 * shared recurrent layer report to (losses, gradient norms, the per-time-step gradient
 * {@code ||dL/dh_t||}, gate saturation, recurrent-weight spectra, clipping, non-finite values),
 * the {@link org.rnnlab.api.diag.DiagnosticsCadence} that decides on which steps the expensive
 * probes run, and the {@link org.rnnlab.api.diag.GateProbe} hook through which any cell can expose
 * its gate activations. The {@code reports} module records, stores and renders what arrives here.
 */
package org.rnnlab.api.diag;
