package org.rnnlab.plugins.core.layer;

import java.util.List;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.SequenceCell;
import org.rnnlab.api.diag.GateProbe;
import org.rnnlab.api.diag.GateSpec;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * How a {@link DirectionRunner} gets a step computed: through the {@link Cell} step contract
 * ({@link Generic}, any cell) or the {@link SequenceCell} fast path ({@link Sequence}). The
 * runner owns ordering, states and masking; a driver owns caches and the input gradients.
 * Steps {@code s} map to time {@code t = s} forward and {@code t = T-1-s} in reverse.
 */
interface StepDriver {

  /** @return the driver for {@code cell}: the fast path when the cell offers one */
  static StepDriver of(Cell cell, boolean reverse, DType dtype) {
    return cell instanceof SequenceCell sc
        ? new Sequence(sc, reverse, dtype) : new Generic(cell, reverse, dtype);
  }

  /**
   * (Re)allocates for the layer's {@code input} and {@code dInput} tensors {@code [T, B, I]};
   * {@code dInput} may be null while input gradients are off.
   */
  void bind(Tensor input, Tensor dInput);

  /** Binds an input-gradient tensor allocated after {@link #bind} (same shape as the input). */
  void bindInputGradient(Tensor dInput);

  /** Called before step 0 of every forward pass. */
  void beginForward(KernelOps ops);

  void forwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next);

  /**
   * Called once before each backward pass: {@code consume} when it is the last use of the
   * forward values (see {@code SequenceCell#consumeOnBackward}).
   *
   * @return whether the pass will overwrite them
   */
  boolean beginBackward(boolean consume);

  /** Back-propagates step {@code s}; {@code next} is the state the forward step left. */
  void backwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next, Tensor[] dNext,
      Tensor[] dPrev);

  /**
   * Whether backward adds input gradients into {@code dInput} (default true). Off for the first
   * layer when the caller needs no {@code dx}; then {@code dInput} is left untouched.
   */
  void setInputGradient(boolean on);

  /**
   * Called after steps {@code [from, to)} were back-propagated; input gradients of those steps
   * must be <b>added</b> into {@code dInput} by the time it returns (when switched on).
   *
   * @param hPrev state 0 before each step, {@code [T, B, H]} in step order
   */
  void endBackward(KernelOps ops, int from, int to, Tensor hPrev);

  /** @return the cell's gates when this path can count their saturation, else null */
  List<GateSpec> gates();

  /**
   * After a forward pass, adds the gate outputs of step {@code s} to {@code counter}; only
   * called when {@link #gates()} is not null.
   */
  void countSaturation(int s, SaturationCounter counter);

  private static Tensor[] slices(Tensor seq) {
    Tensor[] views = new Tensor[seq.dim(0)];
    for (int t = 0; t < views.length; t++) {
      views[t] = seq.slice(t);
    }
    return views;
  }

  /** One {@link Cell#forward} / {@link Cell#backward} per step, one step cache each. */
  final class Generic implements StepDriver {
    private final Cell cell;
    private final boolean reverse;
    private final DType dtype;
    private Cell.Cache[] caches;
    private Tensor[] inputs;
    private Tensor[] dInputs;
    private Tensor dxStep;
    private boolean inputGradient = true;

    Generic(Cell cell, boolean reverse, DType dtype) {
      this.cell = cell;
      this.reverse = reverse;
      this.dtype = dtype;
    }

    @Override
    public void bind(Tensor input, Tensor dInput) {
      int steps = input.dim(0);
      int batch = input.dim(1);
      caches = new Cell.Cache[steps];
      for (int s = 0; s < steps; s++) {
        caches[s] = cell.newCache(batch);
      }
      inputs = slices(input);
      bindInputGradient(dInput);
      dxStep = Tensor.zeros(dtype, batch, input.dim(2));
    }

    @Override
    public void bindInputGradient(Tensor dInput) {
      dInputs = dInput == null ? null : slices(dInput);
    }

    private int time(int s) {
      return reverse ? inputs.length - 1 - s : s;
    }

    @Override
    public void beginForward(KernelOps ops) {}

    @Override
    public boolean beginBackward(boolean consume) {
      // the step contract's per-step caches stay intact
      return false;
    }

    @Override
    public void forwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next) {
      cell.forward(ops, inputs[time(s)], prev, next, caches[s]);
    }

    @Override
    public void backwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next, Tensor[] dNext,
        Tensor[] dPrev) {
      int t = time(s);
      // the step contract always computes dx; without an input gradient it is dropped
      cell.backward(ops, inputs[t], prev, caches[s], dNext, dxStep, dPrev);
      if (inputGradient) {
        ops.axpy(1, dxStep, dInputs[t]);
      }
    }

    @Override
    public void setInputGradient(boolean on) {
      inputGradient = on;
    }

    @Override
    public void endBackward(KernelOps ops, int from, int to, Tensor hPrev) {}

    @Override
    public List<GateSpec> gates() {
      return cell instanceof GateProbe p ? p.gates() : null;
    }

    @Override
    public void countSaturation(int s, SaturationCounter counter) {
      ((GateProbe) cell).countSaturation(caches[s], counter);
    }
  }

  /**
   * The fast path. The cell sees inputs in step order: the layer's input itself going forward, a
   * time-reversed copy (refreshed every forward pass) going backward in time.
   */
  final class Sequence implements StepDriver {
    private final SequenceCell cell;
    private final boolean reverse;
    private final DType dtype;
    private SequenceCell.SequenceCache cache;
    private Tensor[] inputs;
    private Tensor[] dInputs;
    private Tensor xs;
    private Tensor[] xsSteps;
    private Tensor dxs;
    private Tensor[] dxsSteps;
    private boolean inputGradient = true;

    Sequence(SequenceCell cell, boolean reverse, DType dtype) {
      this.cell = cell;
      this.reverse = reverse;
      this.dtype = dtype;
    }

    @Override
    public void bind(Tensor input, Tensor dInput) {
      int steps = input.dim(0);
      int batch = input.dim(1);
      cache = cell.newSequenceCache(steps, batch);
      inputs = slices(input);
      bindInputGradient(dInput);
      xs = reverse ? Tensor.zeros(dtype, input.shape()) : input;
      xsSteps = slices(xs);
      // allocated by the first backward that computes input gradients
      dxs = null;
      dxsSteps = null;
    }

    @Override
    public void bindInputGradient(Tensor dInput) {
      dInputs = dInput == null ? null : slices(dInput);
    }

    private int time(int s) {
      return reverse ? inputs.length - 1 - s : s;
    }

    @Override
    public void beginForward(KernelOps ops) {
      if (reverse) {
        for (int s = 0; s < xsSteps.length; s++) {
          xsSteps[s].copyFrom(inputs[time(s)]);
        }
      }
      cell.forwardInputs(ops, xs, cache);
    }

    @Override
    public void forwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next) {
      cell.forwardStep(ops, s, prev, next, cache);
    }

    @Override
    public boolean beginBackward(boolean consume) {
      return cell.consumeOnBackward(cache, consume);
    }

    @Override
    public void backwardStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next, Tensor[] dNext,
        Tensor[] dPrev) {
      cell.backwardStep(ops, s, prev, next, dNext, dPrev, cache);
    }

    @Override
    public void setInputGradient(boolean on) {
      inputGradient = on;
    }

    @Override
    public void endBackward(KernelOps ops, int from, int to, Tensor hPrev) {
      if (!inputGradient && cell instanceof SequenceWeightGradients w) {
        w.backwardWeightsOnly(ops, xs, hPrev, from, to, cache);
        return;
      }
      if (dxs == null) {
        dxs = Tensor.zeros(dtype, xs.shape());
        dxsSteps = slices(dxs);
      }
      cell.backwardWeights(ops, xs, hPrev, from, to, dxs, cache);
      if (!inputGradient) {
        return;
      }
      for (int s = from; s < to; s++) {
        ops.axpy(1, dxsSteps[s], dInputs[time(s)]);
      }
    }

    @Override
    public List<GateSpec> gates() {
      return cell instanceof SequenceGateProbe p ? p.gates() : null;
    }

    @Override
    public void countSaturation(int s, SaturationCounter counter) {
      ((SequenceGateProbe) cell).countSaturation(cache, s, counter);
    }
  }
}
