package org.rnnlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.experiments.UserError;
import org.rnnlab.experiments.checkpoint.CheckpointStore;
import org.rnnlab.experiments.rng.SeedStreams;
import org.rnnlab.experiments.run.MetricsCsvWriter;
import org.rnnlab.experiments.run.ProgressReporter;
import org.rnnlab.experiments.run.Provenance;
import org.rnnlab.experiments.run.RunContext;
import org.rnnlab.experiments.run.RunDirectory;
import org.rnnlab.experiments.run.RunSummary;
import org.rnnlab.experiments.run.TrainingJob;
import org.rnnlab.experiments.spec.ExperimentSpec;
import org.rnnlab.experiments.spec.LoadedSpec;
import org.rnnlab.experiments.spec.PluginCatalog;
import org.rnnlab.experiments.spec.PluginSpec;
import org.rnnlab.experiments.spec.SpecLoader;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.reports.html.ReportGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab run SPEC.yaml [key=value ...] [--out DIR] [--threads N]} and
 * {@code rnnlab run --resume RUN_DIR}. Order matters: the spec is validated and the trainer
 * found <b>before</b> anything is written, so a bad spec never leaves a run directory behind.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Train a model described by a spec, or resume a run from its directory.",
        "  rnnlab run experiments/specs/adding-lstm.yaml optimizer.lr=3e-4 --out runs",
        "  rnnlab run --resume runs/adding-lstm-20260101-120000-s1"})
final class RunCommand implements Callable<Integer> {
  @Mixin DebugOption debugOption;

  @Spec CommandSpec commandSpec;

  @Parameters(paramLabel = "SPEC.yaml [KEY=VALUE...]",
      description = "The spec file, then key.path=value overrides (e.g. optimizer.lr=3e-4 model.cell.type=gru).")
  List<String> args = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
      description = "Parent of the run directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (overrides training.threads).")
  Integer threads;

  @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a run from its newest valid checkpoint.")
  Path resume;

  private final CliEnvironment env;

  RunCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    PluginCatalog catalog = env.catalog().get();
    SpecLoader loader = new SpecLoader(catalog);
    RunDirectory existing = null;
    LoadedSpec loaded;
    if (resume != null) {
      if (!args.isEmpty()) {
        throw new UserError("run --resume takes no spec or overrides (the run continues with its own "
            + RunDirectory.SPEC + "), got: " + String.join(" ", args));
      }
      existing = RunDirectory.open(resume);
      loaded = loader.parse(existing.specFile().toString(), existing.readSpec(), List.of());
    } else {
      if (args.isEmpty()) {
        throw new UserError("run needs a spec: rnnlab run SPEC.yaml [key=value ...], or rnnlab run --resume RUN_DIR");
      }
      loaded = loader.load(Path.of(args.getFirst()), args.subList(1, args.size()));
    }
    ExperimentSpec spec = loaded.spec();
    int n = threadCount(spec);
    TrainingJob job = env.trainer().get();

    KernelOps kernels = KernelOpsProvider.create(n);
    SeedStreams seeds = new SeedStreams(spec.seed());
    Optional<CheckpointStore.Loaded> from = Optional.empty();
    RunDirectory dir;
    if (existing != null) {
      dir = existing;
      from = CheckpointStore.latestValid(dir.checkpointsDir(), w -> env.err().println("rnnlab: " + w));
      from.ifPresentOrElse(l -> seeds.restore(l.checkpoint().rng()),
          () -> env.err().println("rnnlab: no valid checkpoint in " + dir.checkpointsDir() + "; starting from step 0"));
    } else {
      dir = RunDirectory.create(out, RunDirectory.specName(Path.of(args.getFirst())), spec.seed(), env.clock());
      dir.writeSpec(loaded.resolvedYaml());
    }
    long startStep = from.map(l -> l.checkpoint().step()).orElse(0L);
    Provenance provenance = Provenance.capture(kernels, spec.seed(),
        commandSpec.root().commandLine().getParseResult().originalArgs(), loaded.source(),
        from.map(l -> l.checkpoint().step()).orElse(null), env.clock().instant());
    dir.writeProvenance(provenance, existing != null);
    env.err().println("rnnlab: run directory " + dir.path());

    List<String> columns = MetricsCsvWriter.standardColumns(spec.training().metrics().stream().map(PluginSpec::type).toList());
    RunSummary summary;
    try (MetricsCsvWriter metrics = existing != null
            ? MetricsCsvWriter.resume(dir.metricsFile(), columns, startStep)
            : MetricsCsvWriter.create(dir.metricsFile(), columns);
        ProgressReporter progress = ProgressReporter.create(spec.training().steps(), startStep, env.err())) {
      RunContext ctx = new RunContext(loaded, catalog, dir, seeds, kernels, n,
          new CheckpointStore(dir.checkpointsDir(), spec.checkpoint().keepLast()), from, metrics, progress,
          provenance, env.err());
      summary = job.run(ctx);
    } catch (RuntimeException e) {
      String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      dir.writeProvenance(provenance.finished(env.clock().instant(), "failed: " + first), false);
      writeReport(dir);
      throw e;
    }
    dir.writeProvenance(provenance.finished(env.clock().instant(), summary.outcome()), false);
    env.out().println("run finished: " + dir.path() + " " + summary.oneLine());
    writeReport(dir);
    return 0;
  }

  /** The run's report; a failure here must not turn a finished run into a failed command. */
  private void writeReport(RunDirectory dir) {
    try {
      env.err().println("rnnlab: report " + ReportGenerator.generate(dir.path()));
    } catch (IOException | RuntimeException e) {
      env.err().println("rnnlab: warning: no report for " + dir.path() + " (" + e
          + "); the run is complete, retry with: rnnlab report " + dir.path());
    }
  }

  private int threadCount(ExperimentSpec spec) {
    if (threads != null && threads < 1) {
      throw new UserError("--threads must be >= 1, got " + threads);
    }
    int n = threads != null ? threads : spec.training().threads();
    return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
  }
}
