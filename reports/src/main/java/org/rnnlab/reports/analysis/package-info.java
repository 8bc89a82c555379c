/**
 * Analyses of recorded diagnostics: recurrent-weight spectra ({@link
 * org.rnnlab.reports.analysis.SpectralStats}), the gradient-flow verdict per layer ({@link
 * org.rnnlab.reports.analysis.GradientFlowVerdict}) and the effective memory horizon ({@link
 * org.rnnlab.reports.analysis.MemoryHorizon}).
 */
package org.rnnlab.reports.analysis;
