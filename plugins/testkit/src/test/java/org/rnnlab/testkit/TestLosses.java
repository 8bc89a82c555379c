package org.rnnlab.testkit;

import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * Test-only losses for {@link LossGradientCheck}: a correct mean squared error and softmax
 * cross-entropy, and broken variants of the squared error.
 */
final class TestLosses {
  private TestLosses() {}

  /** How the squared error is broken. */
  enum Defect {
    NONE,
    /** The gradient of masked rows is not zeroed. */
    IGNORES_MASK_IN_GRADIENT,
    /** The gradient is added to the buffer instead of overwriting it. */
    ACCUMULATES_GRADIENT
  }

  /** Mean over unmasked elements of {@code (p - y)^2}. */
  static LossFactory<NoConfig> squaredError(Defect defect) {
    return factory("mse " + defect, new Loss() {
      @Override
      public double evaluate(KernelOps ops, Tensor p, Tensor y, Tensor mask, Tensor grad) {
        int rows = p.dim(0);
        int cols = p.dim(1);
        double count = 0;
        for (int r = 0; r < rows; r++) {
          count += mask == null ? 1 : mask.get(r);
        }
        double scale = 1 / (count * cols);
        double sum = 0;
        for (int i = 0; i < p.size(); i++) {
          double m = mask == null ? 1 : mask.get(i / cols);
          double d = p.get(i) - y.get(i);
          sum += m * d * d;
          double g = 2 * d * scale * (defect == Defect.IGNORES_MASK_IN_GRADIENT ? 1 : m);
          grad.set(i, defect == Defect.ACCUMULATES_GRADIENT ? grad.get(i) + g : g);
        }
        return sum * scale;
      }
    });
  }

  /** Softmax cross-entropy with class-index targets, mean over unmasked rows. */
  static LossFactory<NoConfig> crossEntropy() {
    return factory("cross entropy", new Loss() {
      @Override
      public double evaluate(KernelOps ops, Tensor logits, Tensor target, Tensor mask, Tensor grad) {
        int rows = logits.dim(0);
        int[] classes = new int[rows];
        double count = 0;
        for (int r = 0; r < rows; r++) {
          classes[r] = (int) target.get(r);
          count += mask == null ? 1 : mask.get(r);
        }
        double total = ops.softmaxCrossEntropy(logits, classes, mask, grad);
        ops.scale(1 / count, grad);
        return total / count;
      }

      @Override
      public boolean classIndexTargets() {
        return true;
      }
    });
  }

  private static LossFactory<NoConfig> factory(String description, Loss loss) {
    return LossFactory.of(NoConfig.class, new NoConfig(), description, config -> loss);
  }
}
