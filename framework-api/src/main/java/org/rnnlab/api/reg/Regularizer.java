package org.rnnlab.api.reg;

import java.util.List;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;

/**
 * Changes gradients after back-propagation and before the optimizer step: penalties (L2, L1)
 * add their gradient and report their value; gradient transforms (clipping) rescale gradients.
 * The trainer applies every {@link Stage#PENALTY} regularizer before any {@link Stage#GRADIENT}
 * one, each in spec order.
 *
 * <p>Not thread-safe; counters belong to one training loop.
 */
public interface Regularizer {

  /** When a regularizer runs relative to the others. */
  enum Stage {
    /** adds a penalty term and its gradient */
    PENALTY,
    /** transforms the final gradient (clipping) */
    GRADIENT
  }

  /** @return when this regularizer runs */
  Stage stage();

  /**
   * Applies the regularizer to the gradients of {@code parameters}.
   *
   * @param ops kernels for the math
   * @param parameters all trainable parameters (with gradients already computed)
   * @return the penalty added to the loss (0 for gradient transforms)
   */
  double apply(KernelOps ops, List<Parameter> parameters);

  /** @return how many times this regularizer changed gradients (clip events); 0 for penalties */
  default long events() {
    return 0;
  }

  /** @return the gradient norm (or max |g|) seen before the last clip, NaN if never measured */
  default double lastPreClipValue() {
    return Double.NaN;
  }
}
