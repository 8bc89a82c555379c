package org.rnnlab.plugins.optim;

import java.util.List;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.OptimizerFactory;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum (Sutskever,
 * Martens, Dahl &amp; Hinton 2013, "On the importance of initialization and momentum in deep
 * learning") and weight decay, exactly as {@code torch.optim.SGD} (PyTorch 1.13). Per element,
 * with learning rate {@code lr}, momentum {@code mu}, dampening {@code tau}, weight decay
 * {@code lambda} and step {@code t = 1, 2, ...}:
 *
 * <pre>
 *   g   = grad + lambda * w
 *   b_t = g                                   if t = 1
 *   b_t = mu * b_{t-1} + (1 - tau) * g        if t &gt; 1
 *   d   = g + mu * b_t  (nesterov)   or   d = b_t  (momentum)   or   d = g  (mu = 0)
 *   w   = w - lr * d
 * </pre>
 *
 * <p>State: {@code momentum_buffer/<param>} when {@code mu != 0}, plus {@code step}.
 * Not thread-safe.
 */
public final class Sgd extends StatefulOptimizer {
  private final SgdConfig config;

  /** @param config hyper-parameters */
  public Sgd(SgdConfig config) {
    super(config.lr(), config.momentum() != 0 ? List.of("momentum_buffer") : List.of());
    this.config = config;
  }

  @Override
  void update(Tensor w, Tensor grad, Tensor[] slots, long step, double lr) {
    double mu = config.momentum();
    double lambda = config.weightDecay();
    Tensor buf = mu != 0 ? slots[0] : null;
    if (w.dtype() == DType.FLOAT32) {
      updateFloats(w, grad, buf, step, lr);
      return;
    }
    for (int i = 0; i < w.size(); i++) {
      double p = w.get(i);
      double g = grad.get(i);
      if (lambda != 0) {
        g = g + lambda * p;
      }
      double d = g;
      if (buf != null) {
        // torch creates the buffer as a copy of the first gradient: no dampening on step 1
        double b = step == 1 ? g : buf.get(i) * mu + (1 - config.dampening()) * g;
        buf.set(i, b);
        d = config.nesterov() ? g + mu * b : b;
      }
      w.set(i, p + -lr * d);
    }
  }

  /**
   * {@link #update} on float32 storage arrays, same arithmetic (double, rounded once per store):
   * one streaming pass instead of a branch per {@code get}/{@code set}.
   */
  private void updateFloats(Tensor w, Tensor grad, Tensor buf, long step, double lr) {
    double mu = config.momentum();
    double lambda = config.weightDecay();
    float[] wa = w.floats();
    float[] ga = grad.floats();
    float[] ba = buf != null ? buf.floats() : null;
    int wo = w.offset();
    int go = grad.offset();
    int bo = buf != null ? buf.offset() : 0;
    for (int i = 0, n = w.size(); i < n; i++) {
      double p = wa[wo + i];
      double g = ga[go + i];
      if (lambda != 0) {
        g = g + lambda * p;
      }
      double d = g;
      if (ba != null) {
        double b = step == 1 ? g : ba[bo + i] * mu + (1 - config.dampening()) * g;
        ba[bo + i] = (float) b;
        d = config.nesterov() ? g + mu * b : b;
      }
      wa[wo + i] = (float) (p + -lr * d);
    }
  }

  @Override
  public Optimizer copy() {
    return new Sgd(config);
  }

  @Override
  public String toString() {
    return "Sgd" + config;
  }

  /** The factory of {@link Sgd}, registered under {@code sgd}. */
  public static final OptimizerFactory<SgdConfig> FACTORY = OptimizerFactory.of(
      SgdConfig.class, SgdConfig.defaults(),
      "SGD with momentum, dampening, Nesterov and weight decay (torch.optim.SGD).",
      Sgd::new);
}
