package org.rnnlab.plugins.metric;

import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.metric.Metric;
import org.rnnlab.api.metric.MetricFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * Classification accuracy: the weighted fraction of rows whose arg-max over the {@code D}
 * columns of {@code prediction [N, D]} equals the class index in {@code target [N]}.
 *
 * <pre>
 *   accuracy = sum_r m_r [argmax_j p_rj = y_r] / sum_r m_r
 * </pre>
 *
 * Ties go to the lowest column, as {@code torch.argmax}. NaN when no row is unmasked.
 * Stateless and thread-safe.
 */
public final class Accuracy implements Metric {

  @Override
  public double compute(Tensor prediction, Tensor target, Tensor mask) {
    MetricShapes.check(prediction, target, mask, true);
    int n = prediction.dim(0);
    int d = prediction.dim(1);
    double correct = 0;
    double total = 0;
    for (int r = 0; r < n; r++) {
      double w = MetricShapes.weight(mask, r);
      if (w == 0) {
        continue;
      }
      int best = 0;
      for (int j = 1; j < d; j++) {
        if (prediction.get(r * d + j) > prediction.get(r * d + best)) {
          best = j;
        }
      }
      total += w;
      if (best == target.get(r)) {
        correct += w;
      }
    }
    return correct / total;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public String toString() {
    return "Accuracy";
  }

  /** The factory of {@link Accuracy}, registered under {@code accuracy}. */
  public static final MetricFactory<NoConfig> FACTORY = MetricFactory.of(
      NoConfig.class, new NoConfig(),
      "Fraction of unmasked rows whose arg-max equals the target class index.",
      config -> new Accuracy());
}
