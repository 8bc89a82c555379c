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
 *   <li>{@code dInput [T, B, G*H]}: gradients of the input-side pre-activations. When the layer
 *       declares a backward pass the last one ({@link #useGateStorage}), they are written over
 *       the gate values they are computed from (the kernels read a unit's gates before they
 *       write its gradients), as PyTorch frees its saved activations after backward; otherwise
 *       they go to a buffer of their own, allocated the first time one is needed;
 *   <li>{@code dHidden}: gradients of the recurrent-side pre-activations, the same tensor as
 *       {@code dInput} unless the cell keeps them apart (GRU). Kept apart, only the last
 *       {@code X} columns are stored, {@code [T, B, X]}: the first {@code G*H - X} are equal to
 *       {@code dInput}'s (GRU: r and z; only the n block differs). They go over {@code extra}
 *       in a consuming pass and to a buffer of their own otherwise;
 *   <li>{@code extra [T, B, X]}: one cell-specific tensor, or null (GRU: the n block of
 *       {@code W_hh h + b_hh}; LSTM needs none: its {@code c} is the layer's state, handed back to
 *       the backward step);
 *   <li>{@code recurrentStep [B, G*H]}: with separate recurrent-side gradients, one step's
 *       scratch: the whole recurrent pre-activation in a forward step, the whole recurrent-side
 *       gradient in a backward step ({@code dh} is taken from here);
 *   <li>{@code inputBiasGrad}, {@code hiddenBiasGrad} {@code [G*H]}: column sums of the input-
 *       and recurrent-side gradients over the steps back-propagated since the last
 *       weight-gradient pass (the bias gradients), added step by step while each step's rows
 *       are in cache; {@code hiddenBiasGrad} is null when {@code dHidden} is {@code dInput}.
 *       Kept apart, the steps add only the stored {@code X} columns ({@code hiddenBiasOwn}); the
 *       others equal {@code inputBiasGrad}'s, the same sums of the same values, and are copied
 *       from there by {@link #completeHiddenBiasGrad} before the weight-gradient pass.
 * </ul>
 */
final class GateSequenceCache implements SequenceCell.SequenceCache {
  final int steps;
  final int batch;
  final Tensor gates;
  final Tensor extra;
  final Tensor[] gateSteps;
  final Tensor[] extraSteps;
  final Tensor recurrentStep;
  final Tensor inputBiasGrad;
  final Tensor hiddenBiasGrad;
  /** The last {@code X} entries of {@code hiddenBiasGrad} (a view), or null. */
  final Tensor hiddenBiasOwn;
  /** Where the gate gradients go in the current backward pass; see {@link #useGateStorage}. */
  Tensor dInput;
  Tensor dHidden;
  Tensor[] dInputSteps;
  Tensor[] dHiddenSteps;
  private final DType dtype;
  private final boolean separateHidden;
  /** The gate gradients' own buffers, allocated on first use. */
  private Buffer ownInput;
  private Buffer ownHidden;

  /** A {@code [T, B, W]} tensor with its per-step views. */
  private record Buffer(Tensor all, Tensor[] steps) {}

  GateSequenceCache(DType dtype, int steps, int batch, int gateWidth, boolean separateHidden,
      int extraWidth) {
    if (steps <= 0 || batch <= 0) {
      throw new IllegalArgumentException(
          "A sequence cache needs steps > 0 and batch > 0, got steps=" + steps + " batch=" + batch + ".");
    }
    if (separateHidden && (extraWidth <= 0 || extraWidth > gateWidth)) {
      throw new IllegalArgumentException("separate hidden-side gradients need an extra tensor of"
          + " 1 to " + gateWidth + " columns to go over, got " + extraWidth);
    }
    this.dtype = dtype;
    this.steps = steps;
    this.batch = batch;
    this.separateHidden = separateHidden;
    this.gates = Tensor.zeros(dtype, steps, batch, gateWidth);
    this.extra = extraWidth > 0 ? Tensor.zeros(dtype, steps, batch, extraWidth) : null;
    this.gateSteps = slices(gates);
    this.extraSteps = extra != null ? slices(extra) : null;
    this.inputBiasGrad = Tensor.zeros(dtype, gateWidth);
    this.hiddenBiasGrad = separateHidden ? Tensor.zeros(dtype, gateWidth) : null;
    this.hiddenBiasOwn = separateHidden ? hiddenBiasGrad.narrow(gateWidth - extraWidth, gateWidth)
        : null;
    this.recurrentStep = separateHidden ? Tensor.zeros(dtype, batch, gateWidth) : null;
  }

  /**
   * Chooses where the coming backward pass writes the input-side gate gradients: over the gate
   * values when {@code consume} (every step is back-propagated once and nothing reads the
   * forward values again), else in a buffer of their own, so the forward values survive for
   * another pass.
   */
  void useGateStorage(boolean consume) {
    Buffer input = consume ? new Buffer(gates, gateSteps) : (ownInput = ownOrNew(ownInput, gates));
    Buffer hidden = !separateHidden ? input
        : consume ? new Buffer(extra, extraSteps) : (ownHidden = ownOrNew(ownHidden, extra));
    dInput = input.all();
    dInputSteps = input.steps();
    dHidden = hidden.all();
    dHiddenSteps = hidden.steps();
  }

  /** @return {@code own}, or a new zero buffer of {@code like}'s shape when it is null */
  private Buffer ownOrNew(Buffer own, Tensor like) {
    if (own != null) {
      return own;
    }
    Tensor all = Tensor.zeros(dtype, like.shape());
    return new Buffer(all, slices(all));
  }

  /** @return whether {@link #useGateStorage} was called since the last forward pass */
  boolean gradientStorageChosen() {
    return dInput != null;
  }

  /** Forgets the choice of {@link #useGateStorage}: a new forward pass starts. */
  void resetGradientStorage() {
    dInput = null;
    dInputSteps = null;
    dHidden = null;
    dHiddenSteps = null;
  }

  /**
   * Copies the columns of {@code inputBiasGrad} that the recurrent side shares into
   * {@code hiddenBiasGrad} (no-op when the cell keeps one gradient).
   */
  void completeHiddenBiasGrad() {
    if (hiddenBiasGrad == null) {
      return;
    }
    int shared = hiddenBiasGrad.size() - hiddenBiasOwn.size();
    hiddenBiasGrad.narrow(0, shared).copyFrom(inputBiasGrad.narrow(0, shared));
  }

  private static Tensor[] slices(Tensor seq) {
    Tensor[] out = new Tensor[seq.dim(0)];
    for (int s = 0; s < out.length; s++) {
      out[s] = seq.slice(s);
    }
    return out;
  }
}
