package org.rnnlab.experiments.bench;

/**
 * One training-step benchmark configuration, the sizes of {@code bench/torch_step.py}.
 *
 * @param cell cell type key ({@code rnn_tanh}, {@code lstm}, {@code gru}, ...)
 * @param batch {@code B}
 * @param steps {@code T}
 * @param input {@code I}
 * @param hidden {@code H}
 * @param layers stacked layers
 * @param threads kernel threads
 * @param warmup untimed steps before measuring (JIT compilation, buffer allocation)
 * @param warmupMillis keep warming up until this much time has passed as well: C2 compiles the
 *     Vector API kernels only after many calls, and on a loaded machine five steps may not do
 * @param reps timed steps; the median is reported
 * @param seed seed of the initial weights, inputs and targets
 */
public record BenchSpec(String cell, int batch, int steps, int input, int hidden, int layers,
    int threads, int warmup, long warmupMillis, int reps, long seed) {

  /** Rejects sizes no benchmark can run with. */
  public BenchSpec {
    positive("batch", batch);
    positive("seq", steps);
    positive("input", input);
    positive("hidden", hidden);
    positive("layers", layers);
    positive("threads", threads);
    positive("reps", reps);
    if (warmup < 0) {
      throw new IllegalArgumentException("warmup: expected >= 0 but got " + warmup);
    }
    if (warmupMillis < 0) {
      throw new IllegalArgumentException("warmup-ms: expected >= 0 but got " + warmupMillis);
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + ": expected >= 1 but got " + value);
    }
  }

  @Override
  public String toString() {
    return cell + " B=" + batch + " T=" + steps + " I=" + input + " H=" + hidden
        + " layers=" + layers + " threads=" + threads;
  }
}
