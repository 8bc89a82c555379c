package org.rnnlab.plugins.optim;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * Hyper-parameters of {@link Adagrad}, named and checked as in {@code torch.optim.Adagrad}.
 *
 * @param lr learning rate
 * @param lrDecay learning-rate decay per step
 * @param weightDecay L2 coefficient added to the gradient
 * @param initialAccumulatorValue start value of the squared-gradient sum
 * @param eps term added to the denominator
 */
public record AdagradConfig(
    @Doc("Learning rate.") double lr,
    @Doc("Decay: step t uses lr / (1 + (t - 1) * lrDecay).") double lrDecay,
    @Doc("L2 penalty added to the gradient: g + weightDecay * w.") double weightDecay,
    @Doc("Start value of the accumulated squared gradients.") double initialAccumulatorValue,
    @Doc("Added to the denominator for numerical stability.") double eps)
    implements PluginConfig {

  /** Applies torch.optim.Adagrad's argument checks. */
  public AdagradConfig {
    HyperChecks.nonNegative("lr", lr);
    HyperChecks.nonNegative("lrDecay", lrDecay);
    HyperChecks.nonNegative("weightDecay", weightDecay);
    HyperChecks.nonNegative("initialAccumulatorValue", initialAccumulatorValue);
    HyperChecks.nonNegative("eps", eps);
  }

  /** @return PyTorch's defaults: lr 1e-2, no decay, accumulator 0, eps 1e-10 */
  public static AdagradConfig defaults() {
    return new AdagradConfig(1e-2, 0, 0, 0, 1e-10);
  }
}
