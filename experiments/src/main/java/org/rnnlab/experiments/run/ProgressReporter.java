package org.rnnlab.experiments.run;

import java.io.PrintStream;

/**
 * Shows training progress: a terminal progress bar when a console is attached, otherwise plain
 * log lines at a bounded rate (CI logs, pipes, Slurm output files). Not thread-safe; one per run.
 */
public interface ProgressReporter extends AutoCloseable {

  /**
   * @param step steps completed
   * @param message short status, e.g. {@code loss=0.0123 lr=1e-3}
   */
  void update(long step, String message);

  /** Finishes the display. */
  @Override
  void close();

  /**
   * @param totalSteps steps the run will reach
   * @param startStep steps already done (non-zero when resuming)
   * @param log where plain lines go when there is no console
   * @return a bar when {@code System.console() != null}, plain lines otherwise
   */
  static ProgressReporter create(long totalSteps, long startStep, PrintStream log) {
    if (System.console() != null) {
      return new BarProgressReporter(totalSteps, startStep);
    }
    return new LogProgressReporter(totalSteps, startStep, log, System::nanoTime, LogProgressReporter.DEFAULT_INTERVAL_NANOS);
  }
}
