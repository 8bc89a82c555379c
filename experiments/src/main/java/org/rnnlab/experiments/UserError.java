package org.rnnlab.experiments;

/**
 * A problem the user can fix (bad spec, missing file, unwritable directory). The CLI prints its
 * message without a stack trace and exits with status 2; anything else is a bug in rnnlab and is
 * reported as such.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message a complete sentence naming the file, key or value at fault
   */
  public UserError(String message) {
    super(message);
  }

  /**
   * @param message a complete sentence naming the file, key or value at fault
   * @param cause the underlying exception, shown only with {@code --debug}
   */
  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
