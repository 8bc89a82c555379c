package org.rnnlab.experiments.checkpoint;

import org.rnnlab.experiments.UserError;

/** A checkpoint could not be written, or a file is not a valid checkpoint; the message names the file. */
public final class CheckpointException extends UserError {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the file and what is wrong
   * @param cause the underlying I/O or HDF5 error, or null
   */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
