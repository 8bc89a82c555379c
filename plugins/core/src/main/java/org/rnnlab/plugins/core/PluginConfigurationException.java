package org.rnnlab.plugins.core;

/** Plugin registration is inconsistent (duplicate type keys, a failing module). */
public final class PluginConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, naming the keys involved
   * @param cause the Guice error
   */
  public PluginConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
