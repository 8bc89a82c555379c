package org.rnnlab.plugins.core.layer;

import java.util.Objects;
import org.rnnlab.api.diag.DiagnosticsSink;

/**
 * What a {@link RecurrentStack} pass should report to a {@link DiagnosticsSink}, and for which
 * training step: {@code ||dL/dh_t||} per layer and direction after a backward pass, gate
 * saturation (cells implementing {@link org.rnnlab.api.diag.GateProbe} or
 * {@link SequenceGateProbe}) after a forward pass. Each probe runs only when its flag is set
 * <b>and</b> {@link DiagnosticsSink#wants} accepts the step, so {@link #NONE}, a
 * {@link DiagnosticsSink#NONE} sink or an unwanted step cost one boolean test per pass.
 *
 * @param sink receives the reports
 * @param step the training step being diagnosed (0-based optimizer updates made before it)
 * @param hiddenGradients report {@code ||dL/dh_t||} from {@link RecurrentStack#backward}
 * @param gateSaturation report gate saturation from {@link RecurrentStack#forward}
 */
public record StackDiagnostics(DiagnosticsSink sink, long step, boolean hiddenGradients,
    boolean gateSaturation) {

  /** Reports nothing; what the diagnostics-free overloads of the stack use. */
  public static final StackDiagnostics NONE =
      new StackDiagnostics(DiagnosticsSink.NONE, 0, false, false);

  /** Validates the sink. */
  public StackDiagnostics {
    Objects.requireNonNull(sink, "sink");
  }

  /** @return true when the backward pass must measure and report {@code ||dL/dh_t||} */
  public boolean reportsHiddenGradients() {
    return hiddenGradients && sink.wants(step);
  }

  /** @return true when the forward pass must count and report gate saturation */
  public boolean reportsGateSaturation() {
    return gateSaturation && sink.wants(step);
  }

  /** @return the same request without the {@code ||dL/dh_t||} report */
  public StackDiagnostics withoutHiddenGradients() {
    return hiddenGradients ? new StackDiagnostics(sink, step, false, gateSaturation) : this;
  }
}
