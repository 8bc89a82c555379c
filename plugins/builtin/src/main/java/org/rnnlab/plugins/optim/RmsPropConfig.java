package org.rnnlab.plugins.optim;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Hyper-parameters of {@link RmsProp}, named and checked as in {@code torch.optim.RMSprop}.
 *
 * @param lr learning rate
 * @param alpha decay of the squared-gradient average
 * @param eps term added to the denominator
 * @param weightDecay L2 coefficient added to the gradient
 * @param momentum momentum factor
 * @param centered whether to normalise by the estimated variance instead of the raw second moment
 */
public record RmsPropConfig(
    @Doc("Learning rate.") double lr,
    @Doc("Smoothing constant of the squared-gradient average.") double alpha,
    @Doc("Added to the denominator for numerical stability.") double eps,
    @Doc("L2 penalty added to the gradient: g + weightDecay * w.") double weightDecay,
    @Doc("Momentum factor; 0 disables momentum.") double momentum,
    @Doc("Divide by sqrt(E[g^2] - E[g]^2) instead of sqrt(E[g^2]) (Graves 2013).") boolean centered)
    implements PluginConfig {

  /** Applies torch.optim.RMSprop's argument checks. */
  public RmsPropConfig {
    HyperChecks.nonNegative("lr", lr);
    HyperChecks.nonNegative("alpha", alpha);
    HyperChecks.nonNegative("eps", eps);
    HyperChecks.nonNegative("weightDecay", weightDecay);
    HyperChecks.nonNegative("momentum", momentum);
  }

  /** @return PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no momentum, not centered */
  public static RmsPropConfig defaults() {
    return new RmsPropConfig(1e-2, 0.99, 1e-8, 0, 0, false);
  }
}
