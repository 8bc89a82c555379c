package org.rnnlab.api.loss;

import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * A training objective over {@code N} rows (for sequence outputs, {@code N = B * T} rows of
 * {@code D} columns).
 *
 * <p>Shapes: {@code prediction [N, D]}; {@code target [N, D]} for regression-style losses or
 * {@code [N]} class indices (stored as numbers) for classification; {@code mask [N]} weights in
 * {0, 1} or null for "all rows". The default reduction is PyTorch's {@code 'mean'}: over unmasked
 * elements for elementwise losses, over unmasked rows for cross-entropy.
 *
 * <p><b>Stateless and thread-safe.</b>
 */
public interface Loss {

  /**
   * Computes the loss and its gradient.
   *
   * @param ops kernels for the math
   * @param prediction model output {@code [N, D]} (logits for the {@code *_with_logits} losses)
   * @param target targets, see class comment
   * @param mask row weights {@code [N]}, or null
   * @param grad receives {@code dLoss/dPrediction} {@code [N, D]} (overwritten)
   * @return the reduced loss
   */
  double evaluate(KernelOps ops, Tensor prediction, Tensor target, Tensor mask, Tensor grad);

  /** @return true when targets are class indices {@code [N]} rather than {@code [N, D]} */
  default boolean classIndexTargets() {
    return false;
  }
}
