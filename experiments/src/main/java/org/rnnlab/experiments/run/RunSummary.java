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
 */
public record RunSummary(long steps, double trainLoss, double evalLoss, Map<String, Double> evalMetrics,
    Path lastCheckpoint) {

  /** Copies the metrics map. */
  public RunSummary {
    evalMetrics = Map.copyOf(evalMetrics);
  }

  /** @return one line for the terminal */
  public String oneLine() {
    StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
        "steps=%d train_loss=%.6g eval_loss=%.6g", steps, trainLoss, evalLoss));
    new java.util.TreeMap<>(evalMetrics).forEach((k, v) -> sb.append(' ').append(k).append('=')
        .append(String.format(java.util.Locale.ROOT, "%.6g", v)));
    return sb.toString();
  }
}
