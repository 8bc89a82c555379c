package org.rnnlab.plugins.loss;

import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * Mean squared error, {@code torch.nn.MSELoss}. With row weights {@code m_r} (1 without a mask):
 *
 * <pre>
 *   L = f * sum_{r,j} m_r (p_rj - t_rj)^2        dL/dp_rj = 2 f m_r (p_rj - t_rj)
 *   f = 1 / (D * sum_r m_r)  for mean,   f = 1 for sum
 * </pre>
 *
 * <p>Shapes: {@code prediction, target, grad [N, D]}, {@code mask [N]} or null. Stateless and
 * thread-safe.
 */
public final class MseLoss implements Loss {
  private final Reduction reduction;

  /** @param config options */
  public MseLoss(MseLossConfig config) {
    this.reduction = Reduction.parse(config.reduction());
  }

  @Override
  public double evaluate(KernelOps ops, Tensor prediction, Tensor target, Tensor mask, Tensor grad) {
    int n = LossShapes.checkPredictionGradMask(prediction, grad, mask);
    Tensor.requireShape("target", target, prediction.shape());
    int d = prediction.dim(1);
    double f = reduction.factor(d * LossShapes.totalWeight(mask, n));
    // dL/dp = 2 f m_r (p - t): the kernel scales by (2 f) m_r
    return f * ops.squaredError(prediction, target, mask, 2 * f, grad);
  }

  @Override
  public String toString() {
    return "MseLoss(reduction=" + reduction.key() + ")";
  }

  /** The factory of {@link MseLoss}, registered under {@code mse}. */
  public static final LossFactory<MseLossConfig> FACTORY = LossFactory.of(
      MseLossConfig.class, MseLossConfig.defaults(),
      "Mean squared error (torch.nn.MSELoss), masked rows ignored.",
      MseLoss::new);
}
