package org.rnnlab.api.diag;

import java.util.Objects;

/**
 * One gate of a cell as reported in diagnostics.
 *
 * @param name short gate name in the cell's gate order, e.g. {@code i}, {@code f}, {@code g},
 *     {@code o} for an LSTM, {@code r}, {@code z}, {@code n} for a GRU, {@code h} for a tanh RNN
 * @param kind the nonlinearity producing the gate's output
 */
public record GateSpec(String name, GateKind kind) {

  /** Validates the fields. */
  public GateSpec {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("gate name must be non-empty without '/', got [" + name + "]");
    }
  }
}
