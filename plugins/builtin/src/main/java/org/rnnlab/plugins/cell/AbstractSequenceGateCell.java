package org.rnnlab.plugins.cell;

import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.cell.SequenceCell;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.plugins.core.layer.SequenceWeightGradients;

/**
 * A built-in cell with the {@link SequenceCell} fast path: the input projection of all steps is
 * one GEMM ({@link GateParameters#projectSequence}), a step adds only the recurrent product, and
 * the weight and input gradients of a run of steps are one GEMM each
 * ({@link GateParameters#backSequence}), or only the weight gradients when the layer needs no
 * input gradient ({@link SequenceWeightGradients}). Subclasses supply the per-step gate math.
 *
 * @param <K> the step-contract cache type
 */
abstract class AbstractSequenceGateCell<K extends AbstractGateCell.BatchCache>
    extends AbstractGateCell<K> implements SequenceWeightGradients {

  AbstractSequenceGateCell(CellShape shape, int gates, Class<K> cacheType) {
    super(shape, gates, cacheType);
  }

  @Override
  public final void forwardInputs(KernelOps ops, Tensor xs, SequenceCache cache) {
    GateSequenceCache c = typed(cache);
    Tensor.requireShape("xs", xs, c.steps, c.batch, shape.inputSize());
    params.projectSequence(ops, xs, c.gates, foldsHiddenBias());
    params.refreshPackedHidden(ops);
    c.resetGradientStorage();
    // a backward pass that stopped half way (a non-finite gradient) leaves partial bias sums
    c.inputBiasGrad.fill(0);
    if (c.hiddenBiasGrad != null) {
      c.hiddenBiasGrad.fill(0);
    }
  }

  /**
   * Whether {@code bias_hh} is added with the input projection, once per sequence, instead of
   * at every step: true when the recurrent product is only ever summed with the input
   * projection (Elman, LSTM), false when the cell uses it on its own (GRU's {@code r * (W_hn h +
   * b_hn)}).
   */
  abstract boolean foldsHiddenBias();

  @Override
  public final void forwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next,
      SequenceCache cache) {
    GateSequenceCache c = typed(cache);
    checkStep(c, s);
    StepShapes.checkStates(shape, stateCount(), c.batch, prev, "prev");
    StepShapes.checkStates(shape, stateCount(), c.batch, next, "next");
    sequenceStep(ops, s, prev, next, c);
  }

  @Override
  public final boolean consumeOnBackward(SequenceCache cache, boolean consume) {
    typed(cache).useGateStorage(consume);
    return consume;
  }

  @Override
  public final void backwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next,
      Tensor[] dNext, Tensor[] dPrev, SequenceCache cache) {
    GateSequenceCache c = typed(cache);
    checkStep(c, s);
    if (!c.gradientStorageChosen()) {
      // not declared: keep the forward values, as the protocol requires
      c.useGateStorage(false);
    }
    StepShapes.checkStates(shape, stateCount(), c.batch, prev, "prev");
    StepShapes.checkStates(shape, stateCount(), c.batch, next, "next");
    StepShapes.checkStates(shape, stateCount(), c.batch, dNext, "dNext");
    StepShapes.checkStates(shape, stateCount(), c.batch, dPrev, "dPrev");
    sequenceStepBackward(ops, s, prev, next, dNext, dPrev, c);
    // bias gradients while this step's rows are in cache: summing all T steps after the loop
    // re-read them from memory on one thread (4 % of a 2-thread step at B=64, H=256)
    ops.sumRows(c.dInputSteps[s], c.inputBiasGrad, true);
    if (c.hiddenBiasGrad != null) {
      // only the columns where the recurrent side differs (GRU: n), from the step's stored rows;
      // the rest is copied from the input side before the weight-gradient pass
      ops.sumRows(c.dHiddenSteps[s], c.hiddenBiasOwn, true);
    }
  }

  @Override
  public final void backwardWeights(KernelOps ops, Tensor xs, Tensor hPrev, int from, int to,
      Tensor dxs, SequenceCache cache) {
    GateSequenceCache c = typed(cache);
    Tensor.requireShape("dxs", dxs, c.steps, c.batch, shape.inputSize());
    backSequence(ops, xs, hPrev, from, to, dxs, c);
  }

  @Override
  public final void backwardWeightsOnly(KernelOps ops, Tensor xs, Tensor hPrev, int from, int to,
      SequenceCache cache) {
    backSequence(ops, xs, hPrev, from, to, null, typed(cache));
  }

  private void backSequence(KernelOps ops, Tensor xs, Tensor hPrev, int from, int to, Tensor dxs,
      GateSequenceCache c) {
    Tensor.requireShape("xs", xs, c.steps, c.batch, shape.inputSize());
    Tensor.requireShape("hPrev", hPrev, c.steps, c.batch, shape.hiddenSize());
    if (from < 0 || to > c.steps || from >= to) {
      throw new IllegalArgumentException(
          "backwardWeights: steps [" + from + ", " + to + ") outside [0, " + c.steps + ")");
    }
    if (!c.gradientStorageChosen()) {
      throw new IllegalStateException("backwardWeights before any backwardStep of this sequence");
    }
    Tensor dIn = c.dInput.narrow(from, to);
    // the same view when the cell keeps one gradient: backSequence then reads it once
    Tensor dHid = c.dHidden == c.dInput ? dIn : c.dHidden.narrow(from, to);
    c.completeHiddenBiasGrad();
    params.backSequence(ops, dIn, dHid, xs.narrow(from, to), hPrev.narrow(from, to),
        dxs == null ? null : dxs.narrow(from, to), c.inputBiasGrad, c.hiddenBiasGrad);
  }

  /** Step {@code s} of the forward pass; {@code c.gateSteps[s]} holds its input projection. */
  abstract void sequenceStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next, GateSequenceCache c);

  /**
   * Backward of step {@code s}: fills {@code c.dInputSteps[s]} (and, for a cell with separate
   * recurrent-side gradients, {@code c.recurrentStep} and {@code c.dHiddenSteps[s]}) and writes
   * {@code dPrev}. Must leave the forward values in {@code c} unchanged except where
   * {@code c.dInputSteps[s]} is {@code c.gateSteps[s]} (a consuming pass): the kernels then read
   * each unit's gates before writing its gradients there.
   */
  abstract void sequenceStepBackward(KernelOps ops, int s, Tensor[] prev, Tensor[] next,
      Tensor[] dNext, Tensor[] dPrev, GateSequenceCache c);

  /**
   * The fast path's saturation probe for cells whose {@code gateSteps[s]} holds all gate
   * activations {@code [B, G*H]} after the forward pass (LSTM, GRU).
   */
  final void countSequenceGates(SequenceCache cache, int step, SaturationCounter counter) {
    GateSequenceCache c = typed(cache);
    checkStep(c, step);
    counter.countRows(c.gateSteps[step]);
  }

  private static GateSequenceCache typed(SequenceCache cache) {
    if (cache instanceof GateSequenceCache c) {
      return c;
    }
    throw new IllegalArgumentException("cache: expected a GateSequenceCache from newSequenceCache, got "
        + (cache == null ? "null" : cache.getClass().getName()));
  }

  private static void checkStep(GateSequenceCache c, int s) {
    if (s < 0 || s >= c.steps) {
      throw new IndexOutOfBoundsException("step " + s + " outside [0, " + c.steps + ")");
    }
  }
}
