package org.rnnlab.experiments.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.experiments.run.MetricsCsvWriter;
import org.rnnlab.experiments.run.RunSummary;

/** Summaries of runs that train nothing in this session, read back from {@code metrics.csv}. */
final class RunSummaries {
  private static final String EVAL_PREFIX = "eval_";

  private RunSummaries() {}

  /**
   * @param steps the step the run had reached
   * @param lastRow the last row of its metrics ({@link MetricsCsvWriter#resumedRow()})
   * @param checkpoint its newest valid checkpoint
   * @return the summary that run printed when it finished (NaN for a loss with no value)
   */
  static RunSummary fromMetrics(long steps, Map<String, Double> lastRow, Path checkpoint) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    lastRow.forEach((column, value) -> {
      if (column.startsWith(EVAL_PREFIX) && !column.equals(MetricsCsvWriter.EVAL_LOSS)) {
        metrics.put(column.substring(EVAL_PREFIX.length()), value);
      }
    });
    return new RunSummary(steps, lastRow.getOrDefault(MetricsCsvWriter.TRAIN_LOSS, Double.NaN),
        lastRow.getOrDefault(MetricsCsvWriter.EVAL_LOSS, Double.NaN), metrics, checkpoint);
  }
}
