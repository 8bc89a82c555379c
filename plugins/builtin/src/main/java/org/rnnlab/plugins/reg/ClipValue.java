package org.rnnlab.plugins.reg;

import java.util.List;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.reg.Regularizer;
import org.rnnlab.api.reg.RegularizerFactory;
import org.rnnlab.api.tensor.Tensor;

/**
 * Elementwise gradient clipping, {@code torch.nn.utils.clip_grad_value_}:
 * {@code g = min(max(g, -v), v)} for every gradient element.
 *
 * <p>Each call records the largest {@code |g|} before clamping ({@link #lastPreClipValue()});
 * each call that clamps at least one element counts one {@link #events() event}. Runs at
 * {@link Stage#GRADIENT}. Not thread-safe.
 */
public final class ClipValue implements Regularizer {
  private final double bound;
  private long events;
  private double lastMax = Double.NaN;

  /** @param config options */
  public ClipValue(ClipValueConfig config) {
    this.bound = config.clipValue();
  }

  @Override
  public Stage stage() {
    return Stage.GRADIENT;
  }

  @Override
  public double apply(KernelOps ops, List<Parameter> parameters) {
    double max = 0;
    for (Parameter p : parameters) {
      // Math.max spreads NaN, so a NaN gradient shows up in lastPreClipValue
      max = Math.max(max, ops.maxAbs(p.grad()));
    }
    lastMax = max;
    if (max > bound) {
      for (Parameter p : parameters) {
        Tensor g = p.grad();
        for (int i = 0; i < g.size(); i++) {
          double v = g.get(i);
          if (Math.abs(v) > bound) {
            g.set(i, Math.copySign(bound, v));
          }
        }
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
    return lastMax;
  }

  @Override
  public String toString() {
    return "ClipValue(clipValue=" + bound + ")";
  }

  /** The factory of {@link ClipValue}, registered under {@code clip_value}. */
  public static final RegularizerFactory<ClipValueConfig> FACTORY = RegularizerFactory.of(
      ClipValueConfig.class, ClipValueConfig.defaults(),
      "Clamp every gradient element to [-clipValue, clipValue] (clip_grad_value_).",
      ClipValue::new);
}
