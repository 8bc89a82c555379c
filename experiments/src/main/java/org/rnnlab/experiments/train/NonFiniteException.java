package org.rnnlab.experiments.train;

import org.rnnlab.experiments.UserError;

/** Training met a NaN or infinity; the message names the step and the first bad tensor. */
final class NonFiniteException extends UserError {
  private static final long serialVersionUID = 1L;

  NonFiniteException(String message) {
    super(message);
  }
}
