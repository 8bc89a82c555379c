package org.rnnlab.plugins.reg;

import java.util.List;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.reg.Regularizer;
import org.rnnlab.api.reg.RegularizerFactory;

/**
 * L2 penalty ("weight decay" as a loss term). For every included parameter {@code w}:
 *
 * <pre>
 *   penalty = 0.5 * lambda * sum ||w||^2          grad += lambda * w
 * </pre>
 *
 * The factor 0.5 makes the added gradient exactly {@code lambda * w}, the same step as
 * {@code weight_decay = lambda} in {@code torch.optim.SGD} (which adds the gradient but reports no
 * penalty). Runs at {@link Stage#PENALTY}. Stateless.
 */
public final class L2Penalty implements Regularizer {
  private final L2Config config;

  /** @param config options */
  public L2Penalty(L2Config config) {
    this.config = config;
  }

  @Override
  public Stage stage() {
    return Stage.PENALTY;
  }

  @Override
  public double apply(KernelOps ops, List<Parameter> parameters) {
    double sumSq = 0;
    for (Parameter p : parameters) {
      if (config.excludeBiases() && Penalties.isBias(p.name())) {
        continue;
      }
      sumSq += ops.sumOfSquares(p.value());
      ops.axpy(config.coefficient(), p.value(), p.grad());
    }
    return 0.5 * config.coefficient() * sumSq;
  }

  @Override
  public String toString() {
    return "L2Penalty" + config;
  }

  /** The factory of {@link L2Penalty}, registered under {@code l2}. */
  public static final RegularizerFactory<L2Config> FACTORY = RegularizerFactory.of(
      L2Config.class, L2Config.defaults(),
      "L2 penalty 0.5 * coefficient * ||w||^2 (gradient coefficient * w).",
      L2Penalty::new);
}
