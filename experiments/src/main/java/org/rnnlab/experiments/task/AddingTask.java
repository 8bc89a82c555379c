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
 * The adding problem in the form of Le, Jaitly &amp; Hinton 2015 ("A Simple Way to Initialize
 * Recurrent Networks of Rectified Linear Units", section 4.1), after Hochreiter &amp;
 * Schmidhuber 1997.
 *
 * <p>Each step has two channels: a value drawn from U[0, 1) and a marker. Exactly two steps are
 * marked, one uniformly in the first half {@code [0, T/2)} and one in the second half
 * {@code [T/2, T)}. The target, read at the last step, is the sum of the two marked values.
 *
 * <p>Baseline: always predicting 1 gives MSE {@code Var(U1 + U2) = 2/12 ≈ 0.1667}; a model has
 * learned the task when its MSE falls well below that (Le et al. use 0.01 as "solved").
 *
 * <p>Shapes: {@code x [B, T, 2]}, {@code target [B, 1]}, no mask, all lengths {@code T}.
 */
public final class AddingTask implements Task {
  /** The MSE of the constant predictor 1.0: the variance of a sum of two U[0,1) values. */
  public static final double CONSTANT_PREDICTOR_MSE = 2.0 / 12.0;

  private final TaskShape shape;

  /**
   * @param config the sequence length
   */
  public AddingTask(Config config) {
    this.shape = new TaskShape(config.seqLen(), 2, 0, 1, OutputMode.LAST_STEP, TargetKind.REGRESSION);
  }

  @Override
  public TaskShape shape() {
    return shape;
  }

  @Override
  public Batch sample(int batchSize, SplittableRandom rng) {
    TaskChecks.requireBatchSize(batchSize);
    int t = shape.seqLen();
    int half = t / 2;
    float[] x = new float[batchSize * t * 2];
    float[] y = new float[batchSize];
    for (int b = 0; b < batchSize; b++) {
      int base = b * t * 2;
      for (int s = 0; s < t; s++) {
        x[base + 2 * s] = (float) rng.nextDouble();
      }
      int first = rng.nextInt(half);
      int second = half + rng.nextInt(t - half);
      x[base + 2 * first + 1] = 1f;
      x[base + 2 * second + 1] = 1f;
      // the target is summed from the stored float32 values, so it is exactly what the model sees
      y[b] = x[base + 2 * first] + x[base + 2 * second];
    }
    return new Batch(Tensor.wrap(x, batchSize, t, 2), null, Tensor.wrap(y, batchSize, 1), null,
        TaskChecks.fullLengths(batchSize, t));
  }

  @Override
  public double baselineLoss() {
    return CONSTANT_PREDICTOR_MSE;
  }

  @Override
  public String baselineDescription() {
    return "MSE of always predicting 1.0 (variance of the sum of two U[0,1) values, 2/12)";
  }

  /**
   * Parameters of the adding problem.
   *
   * @param seqLen sequence length T
   */
  public record Config(
      @Doc("Sequence length T; the two marked positions fall one in each half (T >= 2).") int seqLen)
      implements PluginConfig {
    /** Rejects sequences too short to have two halves. */
    public Config {
      if (seqLen < 2) {
        throw new IllegalArgumentException("adding: seq_len must be >= 2, got " + seqLen + ".");
      }
    }
  }

  /** The factory of this task, registered under {@code adding}. */
  public static final TaskFactory<Config> FACTORY = TaskFactory.of(
      Config.class, new Config(100),
      "Adding problem (Le et al. 2015): sum the two marked values of a length-T sequence.",
      AddingTask::new);
}
