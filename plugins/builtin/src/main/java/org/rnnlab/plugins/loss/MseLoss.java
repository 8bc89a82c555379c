package org.rnnlab.plugins.loss;

import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.tensor.DType;
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
    if (prediction.dtype() == DType.FLOAT32 && target.dtype() == DType.FLOAT32
        && grad.dtype() == DType.FLOAT32) {
      return f * sumFloats(prediction, target, mask, grad, n, d, f);
    }
    double total = 0;
    for (int r = 0; r < n; r++) {
      double w = LossShapes.weight(mask, r);
      for (int j = r * d; j < (r + 1) * d; j++) {
        double diff = prediction.get(j) - target.get(j);
        total += w * diff * diff;
        grad.set(j, 2 * f * w * diff);
      }
    }
    return f * total;
  }

  /**
   * The loop of {@link #evaluate} on float32 storage arrays. Each row's squares go to four
   * partial sums by column modulo 4: one running sum is a chain of dependent additions (about
   * 1.5 ms for the 1.6 million elements of a config-b step), four overlap. The order is fixed
   * by the shape, so the loss is as deterministic as before (its last bits differ from the
   * float64 path's single running sum); the gradient does not depend on it.
   */
  private static double sumFloats(Tensor prediction, Tensor target, Tensor mask, Tensor grad,
      int n, int d, double f) {
    float[] p = prediction.floats();
    float[] t = target.floats();
    float[] g = grad.floats();
    int po = prediction.offset();
    int to = target.offset();
    int go = grad.offset();
    double total = 0;
    for (int r = 0; r < n; r++) {
      double w = LossShapes.weight(mask, r);
      double scale = 2 * f * w;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int j = r * d;
      int end = j + d;
      for (; j + 4 <= end; j += 4) {
        double d0 = (double) p[po + j] - t[to + j];
        double d1 = (double) p[po + j + 1] - t[to + j + 1];
        double d2 = (double) p[po + j + 2] - t[to + j + 2];
        double d3 = (double) p[po + j + 3] - t[to + j + 3];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
        g[go + j] = (float) (scale * d0);
        g[go + j + 1] = (float) (scale * d1);
        g[go + j + 2] = (float) (scale * d2);
        g[go + j + 3] = (float) (scale * d3);
      }
      for (; j < end; j++) {
        double diff = (double) p[po + j] - t[to + j];
        s0 += diff * diff;
        g[go + j] = (float) (scale * diff);
      }
      total += w * ((s0 + s1) + (s2 + s3));
    }
    return total;
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
