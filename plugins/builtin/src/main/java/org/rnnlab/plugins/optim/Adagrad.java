package org.rnnlab.plugins.optim;

import java.util.List;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.OptimizerFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * Adagrad (Duchi, Hazan &amp; Singer 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization"), exactly as {@code torch.optim.Adagrad} (PyTorch 1.13, dense
 * gradients). Per element, with step {@code t = 1, 2, ...}:
 *
 * <pre>
 *   g   = grad + lambda * w
 *   clr = lr / (1 + (t - 1) * lrDecay)
 *   s   = s + g^2                      (s starts at initialAccumulatorValue)
 *   w   = w - clr * g / (sqrt(s) + eps)
 * </pre>
 *
 * <p>State: {@code sum/<param>} (s), plus {@code step}. Not thread-safe.
 */
public final class Adagrad extends StatefulOptimizer {
  private final AdagradConfig config;

  /** @param config hyper-parameters */
  public Adagrad(AdagradConfig config) {
    super(config.lr(), List.of("sum"));
    this.config = config;
  }

  @Override
  double initialValue(String slot) {
    return config.initialAccumulatorValue();
  }

  @Override
  void update(Tensor w, Tensor grad, Tensor[] slots, long step, double lr) {
    Tensor sum = slots[0];
    double clr = lr / (1 + (step - 1) * config.lrDecay());
    for (int i = 0; i < w.size(); i++) {
      double p = w.get(i);
      double g = grad.get(i);
      if (config.weightDecay() != 0) {
        g = g + config.weightDecay() * p;
      }
      double s = sum.get(i) + g * g;
      sum.set(i, s);
      w.set(i, p + -clr * (g / (Math.sqrt(s) + config.eps())));
    }
  }

  @Override
  public Optimizer copy() {
    return new Adagrad(config);
  }

  @Override
  public String toString() {
    return "Adagrad" + config;
  }

  /** The factory of {@link Adagrad}, registered under {@code adagrad}. */
  public static final OptimizerFactory<AdagradConfig> FACTORY = OptimizerFactory.of(
      AdagradConfig.class, AdagradConfig.defaults(),
      "Adagrad with learning-rate decay and weight decay (torch.optim.Adagrad).",
      Adagrad::new);
}
