package org.rnnlab.experiments.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Supplier;
import org.rnnlab.experiments.run.TrainerLookup;
import org.rnnlab.experiments.run.TrainingJob;
import org.rnnlab.experiments.spec.PluginCatalog;
import org.rnnlab.plugins.core.Plugins;

/**
 * What the commands take from the outside world, injectable so tests can run the CLI in-process.
 *
 * @param out standard output (results)
 * @param err standard error (errors, notices, progress lines)
 * @param catalog loads the plugin catalog (lazily: {@code --help} needs no plugins)
 * @param trainer finds the trainer
 * @param clock time source for run names and provenance
 */
public record CliEnvironment(PrintStream out, PrintStream err, Supplier<PluginCatalog> catalog,
    Supplier<TrainingJob> trainer, Clock clock) {

  /** @return the real environment: System streams, ServiceLoader plugins and trainer, UTC clock */
  public static CliEnvironment system() {
    return new CliEnvironment(System.out, System.err, () -> PluginCatalog.of(Plugins.load()),
        TrainerLookup::find, Clock.systemUTC());
  }
}
