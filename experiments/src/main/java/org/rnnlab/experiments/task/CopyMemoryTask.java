package org.rnnlab.experiments.task;

import java.util.SplittableRandom;
import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.OutputMode;
import org.rnnlab.api.task.TargetKind;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.task.TaskFactory;
import org.rnnlab.api.task.TaskShape;
import org.rnnlab.api.tensor.Tensor;

/**
 * The copy-memory problem of Arjovsky, Shah &amp; Bengio 2016 ("Unitary Evolution Recurrent
 * Neural Networks", section 4.1), after Hochreiter &amp; Schmidhuber 1997.
 *
 * <p>Alphabet: {@code 0} blank, {@code 1..K} data symbols ({@code K} = categories, 8 in the
 * paper), {@code K+1} delimiter. With copy length {@code L} (10) and delay {@code D}, a sequence
 * has {@code T = D + 2L} steps: {@code L} data symbols drawn uniformly from {@code 1..K}, then
 * {@code D - 1} blanks, the delimiter, and {@code L} blanks. The target is blank for the first
 * {@code D + L} steps and then repeats the {@code L} data symbols. Every step is scored
 * (cross-entropy over {@code K + 1} classes: blank and the data symbols).
 *
 * <p>Baseline: the memoryless strategy (blank with certainty for {@code D + L} steps, then uniform
 * over the {@code K} symbols) has cross-entropy {@code L ln K / (D + 2L)}, i.e.
 * {@code 10 ln 8 / (D + 20)} in the paper's setting.
 *
 * <p>Shapes: {@code x [B, T, K + 2]} one-hot of {@code tokens [B*T]}, {@code target [B*T]}
 * class indices, no mask, all lengths {@code T}.
 */
public final class CopyMemoryTask implements Task {
  private final Config config;
  private final TaskShape shape;

  /**
   * @param config delay, copy length and number of categories
   */
  public CopyMemoryTask(Config config) {
    this.config = config;
    int vocab = config.categories() + 2;
    this.shape = new TaskShape(config.delay() + 2 * config.copyLength(), vocab, vocab,
        config.categories() + 1, OutputMode.EVERY_STEP, TargetKind.CLASS_INDEX);
  }

  @Override
  public TaskShape shape() {
    return shape;
  }

  @Override
  public Batch sample(int batchSize, SplittableRandom rng) {
    TaskChecks.requireBatchSize(batchSize);
    int t = shape.seqLen();
    int vocab = shape.vocabSize();
    int copy = config.copyLength();
    int delimiter = config.categories() + 1;
    int delimiterStep = config.delay() + copy - 1;
    int[] tokens = new int[batchSize * t];
    float[] target = new float[batchSize * t];
    for (int b = 0; b < batchSize; b++) {
      int row = b * t;
      for (int s = 0; s < copy; s++) {
        int symbol = 1 + rng.nextInt(config.categories());
        tokens[row + s] = symbol;
        target[row + t - copy + s] = symbol;
      }
      tokens[row + delimiterStep] = delimiter;
    }
    float[] x = new float[batchSize * t * vocab];
    for (int i = 0; i < tokens.length; i++) {
      x[i * vocab + tokens[i]] = 1f;
    }
    return new Batch(Tensor.wrap(x, batchSize, t, vocab), tokens,
        Tensor.wrap(target, batchSize * t), null, TaskChecks.fullLengths(batchSize, t));
  }

  @Override
  public double baselineLoss() {
    return config.copyLength() * Math.log(config.categories()) / shape.seqLen();
  }

  @Override
  public String baselineDescription() {
    return "per-step cross-entropy of the memoryless strategy, L ln K / (D + 2L)";
  }

  /**
   * Parameters of the copy-memory problem.
   *
   * @param delay blank steps between the data and the recall, including the delimiter
   * @param copyLength symbols to remember
   * @param categories distinct data symbols
   */
  public record Config(
      @Doc("Delay D: steps from the end of the data to the end of the delimiter (the paper's T).")
          int delay,
      @Doc("Number of data symbols L to remember and repeat.") int copyLength,
      @Doc("Number of distinct data symbols K.") int categories) implements PluginConfig {
    /** Rejects degenerate sizes. */
    public Config {
      if (delay < 1 || copyLength < 1 || categories < 2) {
        throw new IllegalArgumentException(
            "copy_memory: needs delay >= 1, copy_length >= 1 and categories >= 2, got delay="
                + delay + " copy_length=" + copyLength + " categories=" + categories + ".");
      }
    }
  }

  /** The factory of this task, registered under {@code copy_memory}. */
  public static final TaskFactory<Config> FACTORY = TaskFactory.of(
      Config.class, new Config(100, 10, 8),
      "Copy memory (Arjovsky et al. 2016): repeat L symbols after a delay of D blanks.",
      CopyMemoryTask::new);
}
