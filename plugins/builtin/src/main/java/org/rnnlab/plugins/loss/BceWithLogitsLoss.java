package org.rnnlab.plugins.loss;

import java.util.List;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * Binary cross-entropy on logits, {@code torch.nn.BCEWithLogitsLoss}. Per element, with logit
 * {@code x}, target {@code t} in [0, 1], positive weight {@code p} of the column (1 without
 * {@code posWeight}) and {@code l = 1 + (p - 1) t}:
 *
 * <pre>
 *   loss = (1 - t) x + l (log(1 + exp(-|x|)) + max(-x, 0))      (= max(x,0) - x t + log(1 + exp(-|x|)) when p = 1)
 *   dloss/dx = (1 - t) + l (sigmoid(x) - 1)                     (= sigmoid(x) - t when p = 1)
 *   L = f * sum_{r,j} m_r loss_rj,   f = 1 / (D sum_r m_r) for mean, 1 for sum
 * </pre>
 *
 * The form with {@code log(1 + exp(-|x|))} never overflows, as in PyTorch. Shapes:
 * {@code prediction, target, grad [N, D]}, {@code mask [N]} or null. Stateless and thread-safe.
 */
public final class BceWithLogitsLoss implements Loss {
  private final Reduction reduction;
  private final List<Double> posWeight;

  /** @param config options */
  public BceWithLogitsLoss(BceWithLogitsLossConfig config) {
    this.reduction = Reduction.parse(config.reduction());
    this.posWeight = config.posWeight();
  }

  @Override
  public double evaluate(KernelOps ops, Tensor prediction, Tensor target, Tensor mask, Tensor grad) {
    int n = LossShapes.checkPredictionGradMask(prediction, grad, mask);
    Tensor.requireShape("target", target, prediction.shape());
    int d = prediction.dim(1);
    if (posWeight.size() > 1 && posWeight.size() != d) {
      throw new IllegalArgumentException(
          "posWeight: expected 1 or " + d + " values (one per column of prediction [" + n + ", " + d
              + "]) but got " + posWeight.size());
    }
    double f = reduction.factor(d * LossShapes.totalWeight(mask, n));
    double total = 0;
    for (int r = 0; r < n; r++) {
      double w = LossShapes.weight(mask, r);
      for (int j = 0; j < d; j++) {
        int i = r * d + j;
        double x = prediction.get(i);
        double t = target.get(i);
        double l = 1 + (columnWeight(j) - 1) * t;
        double softplusNegX = Math.log1p(Math.exp(-Math.abs(x))) + Math.max(-x, 0);
        total += w * ((1 - t) * x + l * softplusNegX);
        grad.set(i, f * w * ((1 - t) + l * (sigmoid(x) - 1)));
      }
    }
    return f * total;
  }

  private double columnWeight(int j) {
    return switch (posWeight.size()) {
      case 0 -> 1;
      case 1 -> posWeight.get(0);
      default -> posWeight.get(j);
    };
  }

  /** Sigmoid that never computes {@code exp} of a large positive number. */
  private static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  @Override
  public String toString() {
    return "BceWithLogitsLoss(reduction=" + reduction.key()
        + (posWeight.isEmpty() ? "" : ", posWeight=" + posWeight) + ")";
  }

  /** The factory of {@link BceWithLogitsLoss}, registered under {@code bce_with_logits}. */
  public static final LossFactory<BceWithLogitsLossConfig> FACTORY = LossFactory.of(
      BceWithLogitsLossConfig.class, BceWithLogitsLossConfig.defaults(),
      "Numerically stable binary cross-entropy on logits (torch.nn.BCEWithLogitsLoss).",
      BceWithLogitsLoss::new);
}
