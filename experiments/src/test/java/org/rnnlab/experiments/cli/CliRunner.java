package org.rnnlab.experiments.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.rnnlab.experiments.run.TrainerLookup;
import org.rnnlab.experiments.run.TrainingJob;
import org.rnnlab.experiments.spec.TestCatalog;

/** Runs the CLI in-process and captures its streams. */
final class CliRunner {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  /**
   * @param code exit code
   * @param out standard output
   * @param err standard error
   */
  record Result(int code, String out, String err) {}

  static Result run(Supplier<TrainingJob> trainer, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), TestCatalog::get, trainer, CLOCK);
    int code = RnnlabCli.execute(args, env);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result run(String... args) {
    return run(TrainerLookup::find, args);
  }

  private CliRunner() {}
}
