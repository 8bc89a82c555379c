package org.rnnlab.plugins.optim;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Hyper-parameters of {@link Sgd}, named and checked as in {@code torch.optim.SGD}.
 *
 * @param lr learning rate
 * @param momentum momentum factor {@code mu}
 * @param dampening dampening {@code tau} of the momentum
 * @param nesterov whether to use Nesterov momentum
 * @param weightDecay L2 coefficient {@code lambda} added to the gradient
 */
public record SgdConfig(
    @Doc("Learning rate (torch.optim.SGD requires one; rnnlab's default is 0.01).") double lr,
    @Doc("Momentum factor; 0 disables momentum.") double momentum,
    @Doc("Dampening of the momentum (the new gradient enters with weight 1 - dampening).") double dampening,
    @Doc("Nesterov momentum (Sutskever et al. 2013); needs momentum > 0 and dampening = 0.") boolean nesterov,
    @Doc("L2 penalty added to the gradient: g + weightDecay * w.") double weightDecay)
    implements PluginConfig {

  /** Applies torch.optim.SGD's argument checks. */
  public SgdConfig {
    HyperChecks.nonNegative("lr", lr);
    HyperChecks.nonNegative("momentum", momentum);
    HyperChecks.nonNegative("dampening", dampening);
    HyperChecks.nonNegative("weightDecay", weightDecay);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException(
          "nesterov: needs momentum > 0 and dampening = 0 but got momentum " + momentum
              + " and dampening " + dampening);
    }
  }

  /** @return lr 0.01 and PyTorch's defaults otherwise (no momentum, no weight decay) */
  public static SgdConfig defaults() {
    return new SgdConfig(0.01, 0, 0, false, 0);
  }
}
