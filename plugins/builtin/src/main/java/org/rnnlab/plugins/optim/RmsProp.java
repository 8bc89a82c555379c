package org.rnnlab.plugins.optim;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.OptimizerFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * RMSprop (Tieleman &amp; Hinton 2012, Coursera "Neural Networks for Machine Learning", lecture
 * 6.5), with the centered variant of Graves 2013 and optional momentum, exactly as
 * {@code torch.optim.RMSprop} (PyTorch 1.13). Per element:
 *
 * <pre>
 *   g   = grad + lambda * w
 *   s   = alpha * s + (1 - alpha) * g^2
 *   a   = alpha * a + (1 - alpha) * g               (centered)
 *   den = sqrt(s - a^2) + eps  (centered)   or   den = sqrt(s) + eps
 *   b   = mu * b + g / den;   w = w - lr * b        (momentum mu &gt; 0)
 *   w   = w - lr * g / den                          (mu = 0)
 * </pre>
 *
 * <p>State: {@code square_avg/<param>} (s), {@code momentum_buffer/<param>} (b, when mu &gt; 0),
 * {@code grad_avg/<param>} (a, when centered), plus {@code step}; all start at 0.
 * Not thread-safe.
 */
public final class RmsProp extends StatefulOptimizer {
  private final RmsPropConfig config;

  /** @param config hyper-parameters */
  public RmsProp(RmsPropConfig config) {
    super(config.lr(), slotNames(config));
    this.config = config;
  }

  private static List<String> slotNames(RmsPropConfig config) {
    List<String> names = new ArrayList<>(List.of("square_avg"));
    if (config.momentum() > 0) {
      names.add("momentum_buffer");
    }
    if (config.centered()) {
      names.add("grad_avg");
    }
    return names;
  }

  @Override
  void update(Tensor w, Tensor grad, Tensor[] slots, long step, double lr) {
    double alpha = config.alpha();
    double mu = config.momentum();
    Tensor squareAvg = slots[0];
    Tensor buf = mu > 0 ? slots[1] : null;
    Tensor gradAvg = config.centered() ? slots[slots.length - 1] : null;
    for (int i = 0; i < w.size(); i++) {
      double p = w.get(i);
      double g = grad.get(i);
      if (config.weightDecay() != 0) {
        g = g + config.weightDecay() * p;
      }
      double s = squareAvg.get(i) * alpha + (1 - alpha) * g * g;
      squareAvg.set(i, s);
      double den;
      if (gradAvg != null) {
        double a = gradAvg.get(i) * alpha + (1 - alpha) * g;
        gradAvg.set(i, a);
        den = Math.sqrt(s + -1 * a * a);
      } else {
        den = Math.sqrt(s);
      }
      den = den + config.eps();
      if (buf != null) {
        double b = buf.get(i) * mu + g / den;
        buf.set(i, b);
        w.set(i, p + -lr * b);
      } else {
        w.set(i, p + -lr * (g / den));
      }
    }
  }

  @Override
  public Optimizer copy() {
    return new RmsProp(config);
  }

  @Override
  public String toString() {
    return "RmsProp" + config;
  }

  /** The factory of {@link RmsProp}, registered under {@code rmsprop}. */
  public static final OptimizerFactory<RmsPropConfig> FACTORY = OptimizerFactory.of(
      RmsPropConfig.class, RmsPropConfig.defaults(),
      "RMSprop with optional centering and momentum (torch.optim.RMSprop).",
      RmsProp::new);
}
