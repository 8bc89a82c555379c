package org.rnnlab.experiments.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of a training run.
 *
 * @param steps optimizer steps completed in total (including those before a resume)
 * @param trainLoss training loss of the last logged step
 * @param evalLoss loss of the last evaluation (NaN if none ran)
 * @param evalMetrics last evaluation's metrics by name
 * @param lastCheckpoint the final checkpoint file, or null if none was written
 * @param skippedSteps steps of this session skipped for a non-finite value
 *     ({@code training.on_nonfinite: skip}); their updates were not applied
 */
public record RunSummary(long steps, double trainLoss, double evalLoss, Map<String, Double> evalMetrics,
    Path lastCheckpoint, long skippedSteps) {

  /** Copies the metrics map. */
  public RunSummary {
    evalMetrics = Map.copyOf(evalMetrics);
  }

  /** A summary of a session that skipped no step. */
  public RunSummary(long steps, double trainLoss, double evalLoss, Map<String, Double> evalMetrics,
      Path lastCheckpoint) {
    this(steps, trainLoss, evalLoss, evalMetrics, lastCheckpoint, 0);
  }

  /** @return how the session ended, for provenance: {@code finished}, with the skips if any */
  public String outcome() {
    return skippedSteps == 0 ? "finished"
        : "finished, " + skippedSteps + " step(s) skipped for non-finite values";
  }

  /** @return one line for the terminal */
  public String oneLine() {
    StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
        "steps=%d train_loss=%.6g eval_loss=%.6g", steps, trainLoss, evalLoss));
    new java.util.TreeMap<>(evalMetrics).forEach((k, v) -> sb.append(' ').append(k).append('=')
        .append(String.format(java.util.Locale.ROOT, "%.6g", v)));
    if (skippedSteps > 0) {
      sb.append(" skipped_steps=").append(skippedSteps);
    }
    return sb.toString();
  }
}
