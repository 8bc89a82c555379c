package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * Checks any {@link Loss}'s gradient against finite differences in double precision:
 *
 * <pre>{@code
 * LossGradientCheck.check(MyLoss.FACTORY, MyLossConfig.defaults()).assertPasses();
 * }</pre>
 *
 * <p>Data: {@code prediction [N=5, D=4]} uniform in {@code [-2, 2)}; targets of the loss's kind,
 * class indices in {@code [0, D)} when {@link Loss#classIndexTargets()}, otherwise {@code [N, D]}
 * uniform in {@code [0, 1)} (valid both as regression targets and as probabilities); once with a
 * mask that zeroes row 2 and once without a mask. The gradient buffer starts as garbage, so a loss
 * that adds to it instead of overwriting fails.
 */
public final class LossGradientCheck {
  private static final int ROWS = 5;
  private static final int COLS = 4;
  private static final int MASKED_ROW = 2;

  private LossGradientCheck() {}

  /**
   * @param factory the loss type
   * @param config its options
   * @return comparisons for the masked and the unmasked case, seeded deterministically
   */
  public static GradientCheckResult check(LossFactory<?> factory, PluginConfig config) {
    return check(factory, config, new SplittableRandom(0x1055L));
  }

  /**
   * @param factory the loss type
   * @param config its options
   * @param rng source of the data
   * @return comparisons for the masked and the unmasked case
   */
  public static GradientCheckResult check(LossFactory<?> factory, PluginConfig config,
      SplittableRandom rng) {
    KernelOps ops = KernelOpsProvider.scalar();
    Loss loss = factory.createFrom(config);
    Tensor prediction = RandomTensors.uniform(rng, DType.FLOAT64, 2, ROWS, COLS);
    Tensor target;
    if (loss.classIndexTargets()) {
      target = Tensor.zeros(DType.FLOAT64, ROWS);
      for (int r = 0; r < ROWS; r++) {
        target.set(r, rng.nextInt(COLS));
      }
    } else {
      target = Tensor.zeros(DType.FLOAT64, ROWS, COLS);
      for (int i = 0; i < target.size(); i++) {
        target.set(i, rng.nextDouble());
      }
    }
    Tensor mask = Tensor.zeros(DType.FLOAT64, ROWS);
    mask.fill(1);
    mask.set(MASKED_ROW, 0);

    List<TensorComparison> out = new ArrayList<>();
    for (Tensor m : new Tensor[] {mask, null}) {
      Tensor grad = RandomTensors.uniform(rng, DType.FLOAT64, 1e3, ROWS, COLS);
      double value = loss.evaluate(ops, prediction, target, m, grad);
      if (!Double.isFinite(value)) {
        throw new AssertionError("loss " + factory.getClass().getName() + " returned " + value);
      }
      Tensor scratch = Tensor.zeros(DType.FLOAT64, ROWS, COLS);
      Tensor numeric = FiniteDifferences.gradient(
          () -> loss.evaluate(ops, prediction, target, m, scratch), prediction, FiniteDifferences.EPS);
      out.add(TensorComparison.of(m == null ? "prediction (no mask)" : "prediction (row 2 masked)",
          grad, numeric, CellGradientCheck.ATOL, CellGradientCheck.RTOL));
    }
    return new GradientCheckResult("loss " + factory.description(), out);
  }
}
