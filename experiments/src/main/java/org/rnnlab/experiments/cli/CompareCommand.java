package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.UserError;
import org.rnnlab.experiments.run.RunDirectory;
import org.rnnlab.reports.html.CompareReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnlab compare RUN_DIR RUN_DIR... [--out FILE]}: one side-by-side page for several runs
 * (shared heat-map colour scale, overlaid losses, memory horizons and spectral radii).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Compare runs side by side in one HTML page (gradient flow, losses, spectra).",
        "  rnnlab compare runs/adding-rnn-tanh-* runs/adding-lstm-* --out compare.html"})
final class CompareCommand implements Callable<Integer> {
  @Mixin DebugOption debugOption;

  @Parameters(paramLabel = "RUN_DIR", arity = "2..*", description = "Two or more run directories.")
  List<Path> runDirs = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "compare.html",
      description = "The page to write (default: ${DEFAULT-VALUE}); PNG copies go next to it.")
  Path out;

  private final CliEnvironment env;

  CompareCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    List<Path> dirs = runDirs.stream().map(d -> RunDirectory.open(d).path()).toList();
    try {
      env.out().println("compare: " + CompareReport.generate(dirs, out));
    } catch (IOException e) {
      throw new UserError("cannot write the comparison " + out + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
