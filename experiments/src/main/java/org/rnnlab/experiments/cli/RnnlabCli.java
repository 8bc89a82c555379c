package org.rnnlab.experiments.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code rnnlab} command. Exit codes: 0 success, 2 user error (bad spec, bad arguments,
 * unreadable file), 1 internal error.
 */
@Command(name = "rnnlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Recurrent neural network experiments on the JVM.",
    subcommands = {SpecCommand.class, InspectCommand.class, RunCommand.class, ParityCommand.class,
        ReportCommand.class, CompareCommand.class, BenchCommand.class})
public final class RnnlabCli implements Callable<Integer> {
  @Mixin DebugOption debugOption;

  private final CliEnvironment env;

  /**
   * @param env streams, plugins, trainer and clock
   */
  public RnnlabCli(CliEnvironment env) {
    this.env = env;
  }

  CliEnvironment env() {
    return env;
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(env.out());
    return 0;
  }

  /**
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args, CliEnvironment.system()));
  }

  /**
   * Runs the CLI in-process.
   *
   * @param args command-line arguments
   * @param env the environment
   * @return the exit code
   */
  public static int execute(String[] args, CliEnvironment env) {
    boolean debug = Boolean.getBoolean("rnnlab.debug") || Arrays.asList(args).contains("--debug");
    CommandLine cli = new CommandLine(new RnnlabCli(env), new Factory(env))
        .setOut(new java.io.PrintWriter(env.out(), true))
        .setErr(new java.io.PrintWriter(env.err(), true))
        .setExecutionExceptionHandler(new ErrorHandler(env.err(), debug));
    return cli.execute(args);
  }

  /** Builds commands that need the environment; everything else picocli builds itself. */
  private record Factory(CliEnvironment env) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == RnnlabCli.class) {
        return cls.cast(new RnnlabCli(env));
      }
      for (var ctor : cls.getDeclaredConstructors()) {
        if (ctor.getParameterCount() == 1 && ctor.getParameterTypes()[0] == CliEnvironment.class) {
          ctor.setAccessible(true);
          return cls.cast(ctor.newInstance(env));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
