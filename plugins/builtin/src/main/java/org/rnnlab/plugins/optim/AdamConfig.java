package org.rnnlab.plugins.optim;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Hyper-parameters of {@link Adam}, named and checked as in {@code torch.optim.Adam}
 * ({@code betas} split into {@code beta1}, {@code beta2}).
 *
 * @param lr learning rate
 * @param beta1 decay of the first-moment average
 * @param beta2 decay of the second-moment average
 * @param eps term added to the denominator
 * @param weightDecay L2 coefficient added to the gradient (coupled)
 * @param amsgrad whether to use the AMSGrad maximum of second moments
 */
public record AdamConfig(
    @Doc("Learning rate (Kingma & Ba 2014: 0.001).") double lr,
    @Doc("Decay of the first-moment running average (betas[0]).") double beta1,
    @Doc("Decay of the second-moment running average (betas[1]).") double beta2,
    @Doc("Added to the denominator for numerical stability.") double eps,
    @Doc("L2 penalty added to the gradient before the moments (coupled; see adamw for decoupled).")
        double weightDecay,
    @Doc("Use the maximum of past second moments (AMSGrad, Reddi et al. 2018).") boolean amsgrad)
    implements PluginConfig {

  /** Applies torch.optim.Adam's argument checks. */
  public AdamConfig {
    AdamUpdate.check(lr, beta1, beta2, eps, weightDecay);
  }

  /** @return the paper's and PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8 */
  public static AdamConfig defaults() {
    return new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, false);
  }
}
