package org.rnnlab.api.cell;

import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * Optional sequence-level fast path of a {@link Cell}, in the cuDNN layout: the input projection
 * {@code x W_ih^T + b_ih} of all {@code T} steps is one GEMM before the time loop, each step does
 * only the recurrent GEMM and the pointwise gate math, and after the backward loop all weight and
 * bias gradients and the input gradients are one GEMM each. The shared recurrent layer uses it
 * when a cell implements it and falls back to the step contract otherwise; both paths must
 * compute the same values (up to rounding), which {@code rnnlab-testkit} checks.
 *
 * <p>Everything here is indexed by <b>step</b> {@code s = 0..T-1}, the order in which the cell
 * sees the sequence (for a reverse direction the layer hands over time-reversed inputs), so that
 * step {@code s} of every {@code [T, B, ...]} tensor is the contiguous view {@code slice(s)}.
 *
 * <p>Protocol for one sequence of {@code T} steps and batch {@code B}:
 * <pre>
 *   cache = newSequenceCache(T, B)                      (reusable for every later sequence of (T, B))
 *   forwardInputs(xs, cache)                            xs [T, B, I]
 *   forwardStep(s, prev, next, cache)                   s = 0, 1, ..., T-1
 *   consumeOnBackward(cache, consume)                   once per backward pass (optional)
 *   then, once or more (e.g. per truncated-BPTT window [from, to)):
 *     backwardStep(s, prev, next, dNext, dPrev, cache)  s = to-1, ..., from
 *     backwardWeights(xs, hPrev, from, to, dxs, cache)  accumulates parameter gradients
 * </pre>
 * {@code prev} and {@code next} are the same tensors the step contract uses ({@link
 * Cell#stateCount()} tensors {@code [B, H]}, state 0 is {@code h}). Unless the layer declared the
 * backward pass the last one ({@link #consumeOnBackward}), backward calls must not change the
 * forward values in the cache, so a step may be back-propagated more than once.
 * Deviating from this order is undefined.
 *
 * <p><b>Thread-safety:</b> as {@link Cell}; a cache belongs to one sequence at a time.
 */
public interface SequenceCell extends Cell {

  /** Memory of a whole sequence: projections, gate activations and gate gradients per step. */
  interface SequenceCache {}

  /**
   * @param steps {@code T}
   * @param batch {@code B}
   * @return a cache for sequences of exactly these sizes
   */
  SequenceCache newSequenceCache(int steps, int batch);

  /**
   * Projects the inputs of all steps at once ({@code x W_ih^T + b_ih}, one GEMM).
   *
   * @param ops kernels
   * @param xs inputs {@code [T, B, I]} in step order
   * @param cache this sequence's cache
   */
  void forwardInputs(KernelOps ops, Tensor xs, SequenceCache cache);

  /**
   * Computes step {@code s} from its precomputed input projection and the previous state.
   *
   * @param ops kernels
   * @param s step index
   * @param prev previous state (read only)
   * @param next receives the new state (overwritten)
   * @param cache this sequence's cache
   */
  void forwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next, SequenceCache cache);

  /**
   * Declares, after the forward pass and before the first {@link #backwardStep}, whether the
   * coming backward pass is the last use of this sequence's forward values: every step is then
   * back-propagated exactly once and nothing reads the cache's forward values afterwards, so the
   * cell may overwrite them (the built-in cells write their gate gradients over the gate
   * activations, which removes a {@code [T, B, G*H]} buffer, as PyTorch frees the tensors it
   * saved for backward). With {@code false}, or when never called, the forward values must
   * survive. The default keeps them.
   *
   * @param cache this sequence's cache
   * @param consume whether the forward values may be overwritten
   * @return whether the coming backward pass will overwrite them (then the layer refuses a
   *     second backward of this forward pass)
   */
  default boolean consumeOnBackward(SequenceCache cache, boolean consume) {
    return false;
  }

  /**
   * Back-propagates step {@code s} to the previous state and keeps the step's gate gradients in
   * the cache for {@link #backwardWeights}; parameter gradients are not touched yet.
   *
   * @param ops kernels
   * @param s step index
   * @param prev the previous state given to {@link #forwardStep}
   * @param next the new state {@link #forwardStep} wrote, as the layer kept it (read only): the
   *     layer holds every state of the sequence anyway, so a cell need not copy any of it into
   *     its cache (LSTM reads {@code c} here). On padded batch rows the layer may have replaced
   *     it by {@code prev}; those rows get a zero {@code dNext}.
   * @param dNext gradient w.r.t. the new state (read only)
   * @param dPrev receives the gradient w.r.t. {@code prev} (overwritten)
   * @param cache this sequence's cache
   */
  void backwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next, Tensor[] dNext,
      Tensor[] dPrev, SequenceCache cache);

  /**
   * After {@link #backwardStep} ran for steps {@code [from, to)}: <b>accumulates</b> every
   * parameter gradient over those steps and writes their input gradients.
   *
   * @param ops kernels
   * @param xs the inputs given to {@link #forwardInputs}, {@code [T, B, I]}
   * @param hPrev state 0 before each step, {@code [T, B, H]} in step order ({@code hPrev[s]} is
   *     {@code prev[0]} of step {@code s})
   * @param from first step
   * @param to one past the last step
   * @param dxs receives the input gradients of steps {@code [from, to)}, {@code [T, B, I]}
   *     (other steps untouched)
   * @param cache this sequence's cache
   */
  void backwardWeights(KernelOps ops, Tensor xs, Tensor hPrev, int from, int to, Tensor dxs,
      SequenceCache cache);
}
