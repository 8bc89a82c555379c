package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.UserError;
import org.rnnlab.experiments.run.RunDirectory;
import org.rnnlab.reports.html.ReportGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnlab report RUN_DIR}: writes {@code report.html} (self-contained) and PNG copies of its
 * charts in {@code report/} from the run's {@code diagnostics.h5}, {@code metrics.csv} and
 * {@code provenance.json}. {@code rnnlab run} does the same when a run ends.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Write report.html and report/*.png for a run directory (gradient flow, gate "
        + "saturation, spectra, losses).",
        "  rnnlab report runs/adding-lstm-20260101-120000-s1"})
final class ReportCommand implements Callable<Integer> {
  @Mixin DebugOption debugOption;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory made by rnnlab run.")
  Path runDir;

  private final CliEnvironment env;

  ReportCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    RunDirectory dir = RunDirectory.open(runDir);
    try {
      env.out().println("report: " + ReportGenerator.generate(dir.path()));
    } catch (IOException e) {
      throw new UserError("cannot write the report of " + runDir + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
