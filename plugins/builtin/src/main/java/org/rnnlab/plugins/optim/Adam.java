package org.rnnlab.plugins.optim;

import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.OptimizerFactory;

/**
 * Adam (Kingma &amp; Ba 2014, "Adam: A Method for Stochastic Optimization"), with optional
 * AMSGrad (Reddi, Kale &amp; Kumar 2018) and coupled L2 weight decay, exactly as
 * {@code torch.optim.Adam} (PyTorch 1.13). Per element, with step {@code t = 1, 2, ...}:
 *
 * <pre>
 *   g     = grad + lambda * w
 *   m_t   = beta1 * m_{t-1} + (1 - beta1) * g
 *   v_t   = beta2 * v_{t-1} + (1 - beta2) * g^2
 *   vHat  = max(vHat_{t-1}, v_t)  (amsgrad)   or   vHat = v_t
 *   w     = w - lr / (1 - beta1^t) * m_t / (sqrt(vHat) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>State: {@code exp_avg/<param>} (m), {@code exp_avg_sq/<param>} (v),
 * {@code max_exp_avg_sq/<param>} (amsgrad only), plus {@code step}. Not thread-safe.
 */
public final class Adam extends AdamUpdate {
  private final AdamConfig config;

  /** @param config hyper-parameters */
  public Adam(AdamConfig config) {
    super(config.lr(), config.beta1(), config.beta2(), config.eps(), config.weightDecay(),
        config.amsgrad(), false);
    this.config = config;
  }

  @Override
  public Optimizer copy() {
    return new Adam(config);
  }

  @Override
  public String toString() {
    return "Adam" + config;
  }

  /** The factory of {@link Adam}, registered under {@code adam}. */
  public static final OptimizerFactory<AdamConfig> FACTORY = OptimizerFactory.of(
      AdamConfig.class, AdamConfig.defaults(),
      "Adam with optional AMSGrad and coupled L2 weight decay (torch.optim.Adam).",
      Adam::new);
}
