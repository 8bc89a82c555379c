package org.rnnlab.experiments.cli;

import picocli.CommandLine.Option;

/** {@code --debug}, accepted by every command: print stack traces for errors. */
public final class DebugOption {
  /** Whether the option was given. */
  @Option(names = "--debug", description = "Print stack traces for errors (also -Drnnlab.debug=true).")
  boolean debug;
}
