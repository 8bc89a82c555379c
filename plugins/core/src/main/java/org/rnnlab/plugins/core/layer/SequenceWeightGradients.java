package org.rnnlab.plugins.core.layer;

import org.rnnlab.api.cell.SequenceCell;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * Optional capability of a {@link SequenceCell}: the parameter gradients of
 * {@link SequenceCell#backwardWeights} without the input gradients. The recurrent layer uses it
 * for its first layer when the caller needs no {@code dx} (the input is data, not the output of
 * a trainable layer), which saves the {@code dX = dGates · W_ih} GEMM, as PyTorch does for an
 * input without {@code requires_grad}. Cells without it still work: their input gradients are
 * computed and dropped.
 */
public interface SequenceWeightGradients extends SequenceCell {

  /**
   * {@link SequenceCell#backwardWeights} minus the input gradients: <b>accumulates</b> every
   * parameter gradient over steps {@code [from, to)}.
   *
   * @param ops kernels
   * @param xs the inputs given to {@link #forwardInputs}, {@code [T, B, I]}
   * @param hPrev state 0 before each step, {@code [T, B, H]} in step order
   * @param from first step
   * @param to one past the last step
   * @param cache this sequence's cache
   */
  void backwardWeightsOnly(KernelOps ops, Tensor xs, Tensor hPrev, int from, int to,
      SequenceCache cache);
}
