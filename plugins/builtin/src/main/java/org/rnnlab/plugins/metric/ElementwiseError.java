package org.rnnlab.plugins.metric;

import java.util.function.DoubleUnaryOperator;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.metric.Metric;
import org.rnnlab.api.metric.MetricFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * Mean of an error function of {@code prediction - target} over the unmasked elements of
 * {@code [N, D]} tensors:
 *
 * <pre>
 *   value = sum_{r,j} m_r e(p_rj - t_rj) / (D * sum_r m_r)
 * </pre>
 *
 * with {@code e(x) = x^2} for {@link #mse()} and {@code e(x) = |x|} for {@link #mae()}. NaN when
 * no row is unmasked. Lower is better. Stateless and thread-safe.
 */
public final class ElementwiseError implements Metric {
  private final String name;
  private final DoubleUnaryOperator error;

  private ElementwiseError(String name, DoubleUnaryOperator error) {
    this.name = name;
    this.error = error;
  }

  /** @return mean squared error */
  public static ElementwiseError mse() {
    return new ElementwiseError("mse", x -> x * x);
  }

  /** @return mean absolute error */
  public static ElementwiseError mae() {
    return new ElementwiseError("mae", Math::abs);
  }

  @Override
  public double compute(Tensor prediction, Tensor target, Tensor mask) {
    MetricShapes.check(prediction, target, mask, false);
    int n = prediction.dim(0);
    int d = prediction.dim(1);
    double sum = 0;
    double weight = 0;
    for (int r = 0; r < n; r++) {
      double w = MetricShapes.weight(mask, r);
      if (w == 0) {
        continue;
      }
      weight += w;
      for (int i = r * d; i < (r + 1) * d; i++) {
        sum += w * error.applyAsDouble(prediction.get(i) - target.get(i));
      }
    }
    return sum / (weight * d);
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public String toString() {
    return name;
  }

  /** The factory of {@link #mse()}, registered under {@code mse}. */
  public static final MetricFactory<NoConfig> MSE_FACTORY = MetricFactory.of(
      NoConfig.class, new NoConfig(), "Mean squared error over unmasked elements.",
      config -> mse());

  /** The factory of {@link #mae()}, registered under {@code mae}. */
  public static final MetricFactory<NoConfig> MAE_FACTORY = MetricFactory.of(
      NoConfig.class, new NoConfig(), "Mean absolute error over unmasked elements.",
      config -> mae());
}
