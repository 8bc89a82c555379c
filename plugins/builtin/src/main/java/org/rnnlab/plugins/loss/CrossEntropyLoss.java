package org.rnnlab.plugins.loss;

import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * Softmax cross-entropy over logits with class-index targets, {@code torch.nn.CrossEntropyLoss}.
 * With row weights {@code m_r} (1 without a mask) and targets {@code y_r}:
 *
 * <pre>
 *   L = f * sum_r m_r (logsumexp_j x_rj - x_r,y_r)     dL/dx_rj = f m_r (softmax(x_r)_j - [j = y_r])
 *   f = 1 / sum_r m_r  for mean,   f = 1 for sum
 * </pre>
 *
 * <p>Shapes: {@code prediction, grad [N, C]}, {@code target [N]} holding integral class indices in
 * {@code [0, C)} (masked rows may hold anything, e.g. padding), {@code mask [N]} or null. The math
 * runs in {@link KernelOps#softmaxCrossEntropy}. Stateless and thread-safe.
 */
public final class CrossEntropyLoss implements Loss {
  private final Reduction reduction;

  /** @param config options */
  public CrossEntropyLoss(CrossEntropyLossConfig config) {
    this.reduction = Reduction.parse(config.reduction());
  }

  @Override
  public double evaluate(KernelOps ops, Tensor prediction, Tensor target, Tensor mask, Tensor grad) {
    int n = LossShapes.checkPredictionGradMask(prediction, grad, mask);
    Tensor.requireShape("target", target, n);
    int[] classes = classIndices(target, mask, prediction.dim(1));
    // the kernels expect one dtype per call
    Tensor m = mask == null || mask.dtype() == prediction.dtype() ? mask : mask.to(prediction.dtype());
    double sum = ops.softmaxCrossEntropy(prediction, classes, m, grad);
    double f = reduction.factor(LossShapes.totalWeight(mask, n));
    if (f != 1) {
      ops.scale(f, grad);
    }
    return f * sum;
  }

  private static int[] classIndices(Tensor target, Tensor mask, int classCount) {
    int[] out = new int[target.size()];
    for (int r = 0; r < out.length; r++) {
      if (LossShapes.weight(mask, r) == 0) {
        continue; // padding rows keep class 0; their gradient and loss are masked to 0
      }
      double v = target.get(r);
      if (v != Math.rint(v) || v < 0 || v >= classCount) {
        throw new IllegalArgumentException(
            "target: row " + r + " holds " + v + ", expected a class index in [0, " + classCount + ")");
      }
      out[r] = (int) v;
    }
    return out;
  }

  @Override
  public boolean classIndexTargets() {
    return true;
  }

  @Override
  public String toString() {
    return "CrossEntropyLoss(reduction=" + reduction.key() + ")";
  }

  /** The factory of {@link CrossEntropyLoss}, registered under {@code cross_entropy}. */
  public static final LossFactory<CrossEntropyLossConfig> FACTORY = LossFactory.of(
      CrossEntropyLossConfig.class, CrossEntropyLossConfig.defaults(),
      "Softmax cross-entropy over logits with class-index targets (torch.nn.CrossEntropyLoss).",
      CrossEntropyLoss::new);
}
