package org.rnnlab.plugins.reg;

import java.util.List;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.reg.Regularizer;
import org.rnnlab.api.reg.RegularizerFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * L1 penalty. For every included parameter {@code w}:
 *
 * <pre>
 *   penalty = lambda * sum |w|          grad += lambda * sign(w)     (sign(0) = 0, as torch.sign)
 * </pre>
 *
 * Runs at {@link Stage#PENALTY}. Stateless.
 */
public final class L1Penalty implements Regularizer {
  private final L1Config config;

  /** @param config options */
  public L1Penalty(L1Config config) {
    this.config = config;
  }

  @Override
  public Stage stage() {
    return Stage.PENALTY;
  }

  @Override
  public double apply(KernelOps ops, List<Parameter> parameters) {
    double lambda = config.coefficient();
    double sumAbs = 0;
    for (Parameter p : parameters) {
      if (config.excludeBiases() && Penalties.isBias(p.name())) {
        continue;
      }
      Tensor w = p.value();
      Tensor g = p.grad();
      for (int i = 0; i < w.size(); i++) {
        double v = w.get(i);
        sumAbs += Math.abs(v);
        g.add(i, lambda * Math.signum(v));
      }
    }
    return lambda * sumAbs;
  }

  @Override
  public String toString() {
    return "L1Penalty" + config;
  }

  /** The factory of {@link L1Penalty}, registered under {@code l1}. */
  public static final RegularizerFactory<L1Config> FACTORY = RegularizerFactory.of(
      L1Config.class, L1Config.defaults(),
      "L1 penalty coefficient * ||w||_1 (gradient coefficient * sign(w)).",
      L1Penalty::new);
}
