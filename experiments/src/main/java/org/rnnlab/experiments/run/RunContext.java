package org.rnnlab.experiments.run;

import java.io.PrintStream;
import java.util.Optional;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.experiments.checkpoint.CheckpointStore;
import org.rnnlab.experiments.rng.SeedStreams;
import org.rnnlab.experiments.schedule.LrSchedule;
import org.rnnlab.experiments.schedule.ScheduleFactory;
import org.rnnlab.experiments.spec.LoadedSpec;
import org.rnnlab.experiments.spec.PluginCatalog;

/**
 * Everything a {@link TrainingJob} gets from the CLI. All parts are ready to use: the spec is
 * validated, the directory exists with {@code spec.resolved.yaml} and {@code provenance.json}
 * written, the metrics file is open (continued after the resumed step when resuming), and the
 * seed streams are at the checkpoint's positions when resuming.
 *
 * @param spec the validated spec, its task and its resolved YAML
 * @param plugins every plugin by family; {@code plugins().registry()} creates cells, losses, ...
 * @param directory the run directory
 * @param seeds the run's seed streams
 * @param kernels the kernels to use for all math
 * @param threads kernel threads in use
 * @param checkpoints where checkpoints go ({@code checkpoints/}, keep_last applied)
 * @param resumeFrom the checkpoint to continue from, empty for a fresh run
 * @param metrics the open {@code metrics.csv}
 * @param progress the progress display
 * @param provenance this session's provenance (store {@code toJson()} in checkpoints)
 * @param log where one-line notices go (standard error)
 */
public record RunContext(LoadedSpec spec, PluginCatalog plugins, RunDirectory directory, SeedStreams seeds,
    KernelOps kernels, int threads, CheckpointStore checkpoints, Optional<CheckpointStore.Loaded> resumeFrom,
    MetricsCsvWriter metrics, ProgressReporter progress, Provenance provenance, PrintStream log) {

  /** @return the number of optimizer steps the run ends at ({@code training.steps}) */
  public long totalSteps() {
    return spec.spec().training().steps();
  }

  /** @return the spec's learning-rate schedule, created for {@link #totalSteps()} */
  public LrSchedule schedule() {
    var s = spec.spec().optimizer().schedule();
    ScheduleFactory<?> f = (ScheduleFactory<?>) plugins.family(PluginCatalog.SCHEDULE).get(s.type());
    return f.createFrom(s.config(), totalSteps());
  }
}
