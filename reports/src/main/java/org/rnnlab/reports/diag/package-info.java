/**
 * Diagnostics data path: {@link org.rnnlab.reports.diag.DiagnosticsRecorder} (an in-memory
 * {@link org.rnnlab.api.diag.DiagnosticsSink}), the immutable
 * {@link org.rnnlab.reports.diag.Diagnostics} snapshot it produces, and
 * {@link org.rnnlab.reports.diag.DiagnosticsStore}, which writes and reads {@code diagnostics.h5}
 * (layout in {@code reports/docs/diagnostics-format.md}).
 */
package org.rnnlab.reports.diag;
