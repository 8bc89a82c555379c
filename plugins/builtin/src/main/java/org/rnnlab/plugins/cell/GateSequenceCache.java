package org.rnnlab.plugins.cell;

import org.rnnlab.api.cell.SequenceCell;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Per-sequence memory of a gated cell's fast path, every tensor {@code [T, B, ...]} in step order
 * with its per-step views built once.
 *
 * <ul>
 *   <li>{@code gates [T, B, G*H]}: the input projections, which each step turns into its gate
 *       values in place;
 *   <li>{@code dInput [T, B, G*H]}: gradients of the input-side pre-activations;
 *   <li>{@code dHidden}: gradients of the recurrent-side pre-activations, the same tensor as
 *       {@code dInput} unless the cell keeps them apart (GRU);
 *   <li>{@code extra [T, B, X]}: one cell-specific tensor, or null (GRU: {@code W_hh h + b_hh};
 *       LSTM needs none: its {@code c} is the layer's state, handed back to the backward step).
 *   <li>{@code inputBiasGrad}, {@code hiddenBiasGrad} {@code [G*H]}: column sums of
 *       {@code dInput} and {@code dHidden} over the steps back-propagated since the last
 *       weight-gradient pass (the bias gradients), added step by step while each step's rows
 *       are in cache; {@code hiddenBiasGrad} is null when {@code dHidden} is {@code dInput}.
 * </ul>
 */
final class GateSequenceCache implements SequenceCell.SequenceCache {
  final int steps;
  final int batch;
  final Tensor gates;
  final Tensor dInput;
  final Tensor dHidden;
  final Tensor extra;
  final Tensor[] gateSteps;
  final Tensor[] dInputSteps;
  final Tensor[] dHiddenSteps;
  final Tensor[] extraSteps;
  final Tensor inputBiasGrad;
  final Tensor hiddenBiasGrad;

  GateSequenceCache(DType dtype, int steps, int batch, int gateWidth, boolean separateHidden,
      int extraWidth) {
    if (steps <= 0 || batch <= 0) {
      throw new IllegalArgumentException(
          "A sequence cache needs steps > 0 and batch > 0, got steps=" + steps + " batch=" + batch + ".");
    }
    this.steps = steps;
    this.batch = batch;
    this.gates = Tensor.zeros(dtype, steps, batch, gateWidth);
    this.dInput = Tensor.zeros(dtype, steps, batch, gateWidth);
    this.dHidden = separateHidden ? Tensor.zeros(dtype, steps, batch, gateWidth) : dInput;
    this.extra = extraWidth > 0 ? Tensor.zeros(dtype, steps, batch, extraWidth) : null;
    this.gateSteps = slices(gates);
    this.dInputSteps = slices(dInput);
    this.dHiddenSteps = separateHidden ? slices(dHidden) : dInputSteps;
    this.extraSteps = extra != null ? slices(extra) : null;
    this.inputBiasGrad = Tensor.zeros(dtype, gateWidth);
    this.hiddenBiasGrad = separateHidden ? Tensor.zeros(dtype, gateWidth) : null;
  }

  private static Tensor[] slices(Tensor seq) {
    Tensor[] out = new Tensor[seq.dim(0)];
    for (int s = 0; s < out.length; s++) {
      out[s] = seq.slice(s);
    }
    return out;
  }
}
