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
 * The temporal order problem of Hochreiter &amp; Schmidhuber 1997 (experiment 6a), as used by
 * Pascanu, Mikolov &amp; Bengio 2013 ("On the difficulty of training RNNs", section 5.1).
 *
 * <p>Alphabet (token ids): {@code a b c d} (0-3) distractors, {@code B} (4) start, {@code E} (5)
 * end, {@code X} (6) and {@code Y} (7) the relevant symbols. A sequence of length {@code T}
 * starts with {@code B}, ends with {@code E}, and holds distractors everywhere else except two
 * positions: {@code t1} uniform in {@code [T/10, 2T/10]} and {@code t2} uniform in
 * {@code [5T/10, 6T/10]} (the paper's {@code [10, 20]} and {@code [50, 60]} for {@code T = 100}),
 * each holding {@code X} or {@code Y} with equal probability. The class, read at the last step,
 * is the ordered pair: {@code XX = 0, XY = 1, YX = 2, YY = 3}.
 *
 * <p>Baseline: the four classes are equally likely, so guessing has cross-entropy {@code ln 4}
 * and accuracy 25%.
 *
 * <p>Shapes: {@code x [B, T, 8]} one-hot of {@code tokens [B*T]}, {@code target [B]} class
 * indices, no mask, all lengths {@code T}.
 */
public final class TemporalOrderTask implements Task {
  /** Token ids of the alphabet. */
  static final int FIRST_DISTRACTOR = 0;
  static final int DISTRACTORS = 4;
  static final int START = 4;
  static final int END = 5;
  static final int X = 6;
  static final int Y = 7;
  static final int VOCAB = 8;

  private final TaskShape shape;

  /**
   * @param config the sequence length
   */
  public TemporalOrderTask(Config config) {
    this.shape = new TaskShape(config.seqLen(), VOCAB, VOCAB, 4, OutputMode.LAST_STEP,
        TargetKind.CLASS_INDEX);
  }

  @Override
  public TaskShape shape() {
    return shape;
  }

  @Override
  public Batch sample(int batchSize, SplittableRandom rng) {
    TaskChecks.requireBatchSize(batchSize);
    int t = shape.seqLen();
    int[] tokens = new int[batchSize * t];
    float[] target = new float[batchSize];
    for (int b = 0; b < batchSize; b++) {
      int row = b * t;
      tokens[row] = START;
      tokens[row + t - 1] = END;
      for (int s = 1; s < t - 1; s++) {
        tokens[row + s] = FIRST_DISTRACTOR + rng.nextInt(DISTRACTORS);
      }
      int t1 = t / 10 + rng.nextInt(2 * t / 10 - t / 10 + 1);
      int t2 = 5 * t / 10 + rng.nextInt(6 * t / 10 - 5 * t / 10 + 1);
      boolean firstY = rng.nextBoolean();
      boolean secondY = rng.nextBoolean();
      tokens[row + t1] = firstY ? Y : X;
      tokens[row + t2] = secondY ? Y : X;
      target[b] = (firstY ? 2 : 0) + (secondY ? 1 : 0);
    }
    float[] x = new float[batchSize * t * VOCAB];
    for (int i = 0; i < tokens.length; i++) {
      x[i * VOCAB + tokens[i]] = 1f;
    }
    return new Batch(Tensor.wrap(x, batchSize, t, VOCAB), tokens, Tensor.wrap(target, batchSize),
        null, TaskChecks.fullLengths(batchSize, t));
  }

  @Override
  public double baselineLoss() {
    return Math.log(4);
  }

  @Override
  public String baselineDescription() {
    return "cross-entropy of guessing uniformly among the 4 classes, ln 4";
  }

  /**
   * Parameters of the temporal order problem.
   *
   * @param seqLen sequence length T
   */
  public record Config(
      @Doc("Sequence length T; relevant symbols at [T/10, 2T/10] and [5T/10, 6T/10] (T >= 10).")
          int seqLen) implements PluginConfig {
    /** Rejects sequences too short for disjoint relevant windows. */
    public Config {
      if (seqLen < 10) {
        throw new IllegalArgumentException(
            "temporal_order: seq_len must be >= 10, got " + seqLen + ".");
      }
    }
  }

  /** The factory of this task, registered under {@code temporal_order}. */
  public static final TaskFactory<Config> FACTORY = TaskFactory.of(
      Config.class, new Config(100),
      "Temporal order (Hochreiter & Schmidhuber 1997): classify the order of X/Y symbols.",
      TemporalOrderTask::new);
}
