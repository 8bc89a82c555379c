package org.rnnlab.experiments.spec;

import java.util.List;
import org.rnnlab.api.config.Doc;

/**
 * The training loop.
 *
 * @param steps optimizer steps to run (exclusive with epochs)
 * @param epochs passes over a finite data set (exclusive with steps)
 * @param batchSize sequences per step
 * @param truncatedBptt truncation, or null for full back-propagation through time
 * @param evalEvery steps between evaluations, 0 for only at the end
 * @param evalBatches batches per evaluation (a fixed held-out set)
 * @param logEvery steps between metrics rows
 * @param onNonfinite what to do when the loss or a gradient is NaN or infinite
 * @param threads kernel threads, 0 for all available processors
 * @param metrics extra evaluation metrics
 */
public record TrainingSpec(
    @Doc("Optimizer steps to run; give this or epochs.") Long steps,
    @Doc("Passes over a finite data set; give this or steps (synthetic tasks need steps).") Integer epochs,
    @Doc("Sequences per optimizer step.") @Required int batchSize,
    @Doc("Truncated BPTT {k1, k2} (Williams & Peng 1990); omit for full BPTT.") TruncatedBpttSpec truncatedBptt,
    @Doc("Steps between evaluations on the held-out stream; 0 evaluates only at the end.") @Default("100") long evalEvery,
    @Doc("Batches per evaluation; the same held-out batches every time.") @Default("10") int evalBatches,
    @Doc("Steps between rows of metrics.csv.") @Default("10") long logEvery,
    @Doc("On a NaN/Inf loss or gradient: stop (write a checkpoint of the last good state and fail) or skip the step.")
        @Default("stop") NonFinitePolicy onNonfinite,
    @Doc("Kernel threads; 0 uses every available processor. Results do not depend on it.") @Default("0") int threads,
    @Doc("Extra evaluation metrics: list of {type: NAME, ...metric config}.") @Default("[]") @Plugin("metric")
        List<PluginSpec> metrics) {

  /** Rejects impossible lengths and counts. */
  public TrainingSpec {
    if (steps != null && steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (epochs != null && epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
    }
    if (evalEvery < 0 || evalBatches < 1 || logEvery < 1 || threads < 0) {
      throw new IllegalArgumentException("need eval_every >= 0, eval_batches >= 1, log_every >= 1, threads >= 0; got eval_every="
          + evalEvery + " eval_batches=" + evalBatches + " log_every=" + logEvery + " threads=" + threads);
    }
    metrics = List.copyOf(metrics);
  }
}
