package org.rnnlab.experiments.cli;

import java.io.PrintStream;
import org.rnnlab.experiments.UserError;
import org.rnnlab.experiments.spec.SpecException;
import org.rnnlab.plugins.core.PluginConfigurationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions from commands into exit codes: a {@link UserError} prints its message (spec
 * errors one {@code file:line:col: message} line each, others one {@code rnnlab: } line) and
 * exits {@value #USER_ERROR}; anything else is a bug and prints one line asking for
 * {@code --debug}, exit {@value #INTERNAL_ERROR}. Stack traces only with {@code --debug} or
 * {@code -Drnnlab.debug=true}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  /** Exit code for errors the user can fix (also picocli's code for usage errors). */
  static final int USER_ERROR = 2;
  /** Exit code for bugs. */
  static final int INTERNAL_ERROR = 1;

  private final PrintStream err;
  private final boolean debug;

  ErrorHandler(PrintStream err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof SpecException) {
      err.println(e.getMessage());
    } else if (e instanceof UserError || e instanceof PluginConfigurationException) {
      err.println("rnnlab: " + e.getMessage());
    } else {
      err.println("rnnlab: internal error: " + e + (debug ? "" : " (rerun with --debug for the stack trace)"));
    }
    if (debug) {
      e.printStackTrace(err);
    }
    return e instanceof UserError || e instanceof PluginConfigurationException ? USER_ERROR : INTERNAL_ERROR;
  }
}
