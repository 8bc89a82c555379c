package org.rnnlab.plugins.reg;

import java.util.List;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.reg.Regularizer;
import org.rnnlab.api.reg.RegularizerFactory;

/**
 * Global gradient-norm clipping (Pascanu, Mikolov &amp; Bengio 2013), with
 * {@code torch.nn.utils.clip_grad_norm_}'s semantics (norm type 2):
 *
 * <pre>
 *   total = sqrt(sum over all parameters and elements of g^2)
 *   scale = maxNorm / (total + 1e-6)
 *   g     = g * scale        for every gradient, when scale &lt; 1
 * </pre>
 *
 * Each call records {@code total} ({@link #lastPreClipValue()}); each call that rescales counts
 * one {@link #events() event}. A non-finite total leaves the gradients unchanged (the trainer's
 * finiteness check reports it) where PyTorch would spread NaN into every gradient. Runs at
 * {@link Stage#GRADIENT}. Not thread-safe.
 */
public final class ClipNorm implements Regularizer {
  /** torch adds this to the norm before dividing, so a zero gradient never divides by zero. */
  private static final double EPS = 1e-6;

  private final double maxNorm;
  private long events;
  private double lastNorm = Double.NaN;

  /** @param config options */
  public ClipNorm(ClipNormConfig config) {
    this.maxNorm = config.maxNorm();
  }

  @Override
  public Stage stage() {
    return Stage.GRADIENT;
  }

  @Override
  public double apply(KernelOps ops, List<Parameter> parameters) {
    double sumSq = 0;
    for (Parameter p : parameters) {
      sumSq += ops.sumOfSquares(p.grad());
    }
    double total = Math.sqrt(sumSq);
    lastNorm = total;
    double scale = maxNorm / (total + EPS);
    if (scale < 1) {
      for (Parameter p : parameters) {
        ops.scale(scale, p.grad());
      }
      events++;
    }
    return 0;
  }

  @Override
  public long events() {
    return events;
  }

  @Override
  public double lastPreClipValue() {
    return lastNorm;
  }

  @Override
  public String toString() {
    return "ClipNorm(maxNorm=" + maxNorm + ")";
  }

  /** The factory of {@link ClipNorm}, registered under {@code clip_norm}. */
  public static final RegularizerFactory<ClipNormConfig> FACTORY = RegularizerFactory.of(
      ClipNormConfig.class, ClipNormConfig.defaults(),
      "Rescale all gradients when their global L2 norm exceeds maxNorm (clip_grad_norm_).",
      ClipNorm::new);
}
