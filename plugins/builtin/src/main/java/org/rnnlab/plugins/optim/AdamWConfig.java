package org.rnnlab.plugins.optim;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Hyper-parameters of {@link AdamW}, named and checked as in {@code torch.optim.AdamW}
 * ({@code betas} split into {@code beta1}, {@code beta2}).
 *
 * @param lr learning rate
 * @param beta1 decay of the first-moment average
 * @param beta2 decay of the second-moment average
 * @param eps term added to the denominator
 * @param weightDecay decoupled decay: each step multiplies weights by {@code 1 - lr * weightDecay}
 * @param amsgrad whether to use the AMSGrad maximum of second moments
 */
public record AdamWConfig(
    @Doc("Learning rate.") double lr,
    @Doc("Decay of the first-moment running average (betas[0]).") double beta1,
    @Doc("Decay of the second-moment running average (betas[1]).") double beta2,
    @Doc("Added to the denominator for numerical stability.") double eps,
    @Doc("Decoupled weight decay: each step multiplies the weights by 1 - lr * weightDecay.")
        double weightDecay,
    @Doc("Use the maximum of past second moments (AMSGrad, Reddi et al. 2018).") boolean amsgrad)
    implements PluginConfig {

  /** Applies torch.optim.AdamW's argument checks. */
  public AdamWConfig {
    AdamUpdate.check(lr, beta1, beta2, eps, weightDecay);
  }

  /** @return PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2 */
  public static AdamWConfig defaults() {
    return new AdamWConfig(1e-3, 0.9, 0.999, 1e-8, 1e-2, false);
  }
}
