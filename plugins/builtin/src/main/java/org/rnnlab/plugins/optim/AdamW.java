package org.rnnlab.plugins.optim;

import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.OptimizerFactory;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay
 * Regularization"), with optional AMSGrad, exactly as {@code torch.optim.AdamW} (PyTorch 1.13).
 * Per element, with step {@code t = 1, 2, ...}:
 *
 * <pre>
 *   w     = w * (1 - lr * lambda)
 *   m_t   = beta1 * m_{t-1} + (1 - beta1) * grad
 *   v_t   = beta2 * v_{t-1} + (1 - beta2) * grad^2
 *   vHat  = max(vHat_{t-1}, v_t)  (amsgrad)   or   vHat = v_t
 *   w     = w - lr / (1 - beta1^t) * m_t / (sqrt(vHat) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>The decay is scaled by the current learning rate, as in PyTorch (the paper's schedule
 * multiplier {@code eta_t} is folded into {@code lr}). State: as {@link Adam}. Not thread-safe.
 */
public final class AdamW extends AdamUpdate {
  private final AdamWConfig config;

  /** @param config hyper-parameters */
  public AdamW(AdamWConfig config) {
    super(config.lr(), config.beta1(), config.beta2(), config.eps(), config.weightDecay(),
        config.amsgrad(), true);
    this.config = config;
  }

  @Override
  public Optimizer copy() {
    return new AdamW(config);
  }

  @Override
  public String toString() {
    return "AdamW" + config;
  }

  /** The factory of {@link AdamW}, registered under {@code adamw}. */
  public static final OptimizerFactory<AdamWConfig> FACTORY = OptimizerFactory.of(
      AdamWConfig.class, AdamWConfig.defaults(),
      "Adam with decoupled weight decay (torch.optim.AdamW).",
      AdamW::new);
}
