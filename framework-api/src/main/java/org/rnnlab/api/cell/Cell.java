package org.rnnlab.api.cell;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * One recurrent step: the contract a researcher implements to add a cell.
 *
 * <p>Shapes: {@code B} batch rows, {@code I} = {@link CellShape#inputSize()}, {@code H} =
 * {@link CellShape#hiddenSize()}. The state is a list of {@link #stateCount()} tensors of shape
 * {@code [B, H]}; <b>state 0 is the output {@code h}</b> (an LSTM has {@code h, c}).
 *
 * <p>Lifecycle: the factory creates the cell; {@link #resetParameters} initialises it; then any
 * number of sequences, each a run of {@link #forward} calls followed by {@link #backward} calls in
 * reverse time order with the cache each forward filled. The cell keeps no state between calls
 * other than its parameters; the shared recurrent layer supplies stacking, bidirectionality,
 * variable lengths, dropout and truncated BPTT, and {@code rnnlab-testkit} checks {@link
 * #backward} against finite differences for every registered cell.
 *
 * <p><b>Thread-safety:</b> a cell is used by one thread at a time; kernels may parallelise inside.
 */
public interface Cell {

  /** Per-step memory a forward step leaves for its backward step. Allocated by the cell. */
  interface Cache {}

  /** @return the sizes and element type this cell was built for */
  CellShape shape();

  /** @return number of state tensors: 1 for RNN and GRU ({@code h}), 2 for LSTM ({@code h, c}) */
  int stateCount();

  /**
   * @return the cell's parameters with PyTorch's names without layer suffix ({@code weight_ih},
   *     {@code weight_hh}, {@code bias_ih}, {@code bias_hh}); the same objects on every call
   */
  List<Parameter> parameters();

  /**
   * Draws fresh parameter values (PyTorch's default is {@code U(-1/sqrt(H), 1/sqrt(H))}).
   *
   * @param rng the only source of randomness the cell may use
   */
  void resetParameters(SplittableRandom rng);

  /**
   * @param batch rows {@code B} the cache must hold
   * @return a cache for one time step, reusable across sequences of the same batch size
   */
  Cache newCache(int batch);

  /**
   * Computes one step.
   *
   * @param ops kernels to use for all math
   * @param x input {@code [B, I]}
   * @param prev previous state, {@link #stateCount()} tensors {@code [B, H]} (read only)
   * @param next receives the new state, same shapes (overwritten)
   * @param cache receives whatever {@link #backward} will need
   */
  void forward(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, Cache cache);

  /**
   * Back-propagates one step and <b>accumulates</b> parameter gradients.
   *
   * @param ops kernels to use for all math
   * @param x the input given to the matching forward call
   * @param prev the previous state given to the matching forward call
   * @param cache the cache the matching forward call filled
   * @param dNext gradient of the loss w.r.t. the new state (read only)
   * @param dx receives the gradient w.r.t. {@code x} (overwritten)
   * @param dPrev receives the gradient w.r.t. {@code prev} (overwritten)
   */
  void backward(KernelOps ops, Tensor x, Tensor[] prev, Cache cache, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev);
}
