package org.rnnlab.experiments.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/** Deterministic sample checkpoints for tests of the format, the store and the CLI. */
public final class CheckpointFixtures {
  private CheckpointFixtures() {}

  /**
   * @param step the checkpoint's step (also seeds its values)
   * @return a checkpoint with LSTM-like params (including -0.0 and a subnormal), Adam-like
   *     optimizer state in float32 and float64, a rank-0 tensor, RNG positions and unicode text
   */
  public static Checkpoint sample(long step) {
    SplittableRandom rng = new SplittableRandom(step);
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("weight_ih_l0", random(rng, DType.FLOAT32, 12, 2));
    params.put("weight_hh_l0", random(rng, DType.FLOAT32, 12, 3));
    params.put("bias_ih_l0", random(rng, DType.FLOAT32, 12));
    // bit patterns that a lossy path would not preserve
    params.get("bias_ih_l0").floats()[0] = -0.0f;
    params.get("bias_ih_l0").floats()[1] = Float.MIN_VALUE;
    params.put("head.weight", random(rng, DType.FLOAT32, 1, 3, 2));
    Map<String, Tensor> opt = new LinkedHashMap<>();
    opt.put("exp_avg/weight_ih_l0", random(rng, DType.FLOAT32, 12, 2));
    opt.put("exp_avg_sq/weight_ih_l0", random(rng, DType.FLOAT64, 12, 2));
    opt.put("step", Tensor.zeros(DType.FLOAT64));
    opt.get("step").set(0, step);
    return new Checkpoint(step, 0, step * 2, params, opt, Map.of("data.train", step * 2, "init", 1L),
        "model: {hidden_size: 3}\nnote: \"ünïcode\"\n", "{\"seed\": 7}");
  }

  private static Tensor random(SplittableRandom rng, DType dtype, int... shape) {
    Tensor t = Tensor.zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, rng.nextDouble(-1, 1));
    }
    return t;
  }
}
