package org.rnnlab.plugins.core.layer;

import java.util.List;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.diag.GateSpec;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Runs one cell over time in one direction, for any {@link Cell}: through the step contract, or
 * the cell's {@link org.rnnlab.api.cell.SequenceCell} fast path when it has one ({@link StepDriver}).
 *
 * <p>Work is indexed by <i>step</i> {@code s = 0..T-1}, the order in which the cell sees the
 * sequence; the time index is {@code t = s} forward and {@code t = T-1-s} in reverse. The states
 * are kept as {@code [T+1, B, H]} tensors in step order (entry 0 is the initial state, entry
 * {@code s+1} the state after step {@code s}), so every step reads and writes contiguous views.
 * All buffers and views are built once per {@code (T, B)} by {@link #bind} and reused; the time
 * loops allocate nothing.
 */
final class DirectionRunner {
  private final Cell cell;
  private final boolean reverse;
  private final int stateCount;
  private final int hidden;
  private final DType dtype;

  private final StepDriver driver;

  private int steps = -1;
  private int batch = -1;
  private Tensor[][] stateViews;
  private Tensor hPrev;
  /** {@code h} of steps {@code 1..T}, {@code [T, B, H]}: one block, step order. */
  private Tensor hNext;
  private Tensor[] grad;
  private Tensor[] gradToCell;
  private Tensor[] gradPrev;
  private Tensor injected;
  /** The tensor {@link #stepViews} are views of. */
  private Tensor stepSource;
  private Tensor[] stepViews;
  private SaturationCounter saturation;

  DirectionRunner(Cell cell, boolean reverse, DType dtype) {
    this.cell = cell;
    this.reverse = reverse;
    this.stateCount = cell.stateCount();
    this.hidden = cell.shape().hiddenSize();
    this.dtype = dtype;
    this.driver = StepDriver.of(cell, reverse, dtype);
  }

  Cell cell() {
    return cell;
  }

  boolean reverse() {
    return reverse;
  }

  int steps() {
    return steps;
  }

  /**
   * Starts a backward pass; {@code consume} when it is the last use of this forward pass's
   * values, which the cell may then overwrite.
   *
   * @return whether the cell will overwrite them
   */
  boolean beginBackward(boolean consume) {
    return driver.beginBackward(consume);
  }

  /** Whether {@link #backward} adds input gradients into the bound input-gradient tensor. */
  void setInputGradient(boolean on) {
    driver.setInputGradient(on);
  }

  /**
   * Allocates every buffer for {@code input [T, B, I]} and binds the views of the layer's input
   * and input-gradient tensors. The stack owns those two and calls this whenever {@code (T, B)}
   * changes, so buffers live as long as the sizes do.
   *
   * @param dInput the input gradient, or null while no backward pass wants it (then
   *     {@link #bindInputGradient} binds it before the first one that does)
   */
  void bind(Tensor input, Tensor dInput) {
    steps = input.dim(0);
    batch = input.dim(1);
    stateViews = new Tensor[steps + 1][stateCount];
    for (int k = 0; k < stateCount; k++) {
      Tensor seq = Tensor.zeros(dtype, steps + 1, batch, hidden);
      for (int s = 0; s <= steps; s++) {
        stateViews[s][k] = seq.slice(s);
      }
      if (k == 0) {
        hPrev = seq.narrow(0, steps);
        hNext = seq.narrow(1, steps + 1);
      }
    }
    grad = hiddenSet(batch);
    gradToCell = hiddenSet(batch);
    gradPrev = hiddenSet(batch);
    injected = Tensor.zeros(dtype, batch, hidden);
    driver.bind(input, dInput);
  }

  /** Binds a layer input-gradient tensor allocated after {@link #bind}. */
  void bindInputGradient(Tensor dInput) {
    driver.bindInputGradient(dInput);
  }

  private Tensor[] hiddenSet(int b) {
    Tensor[] set = new Tensor[stateCount];
    for (int k = 0; k < stateCount; k++) {
      set[k] = Tensor.zeros(dtype, b, hidden);
    }
    return set;
  }

  private int time(int step) {
    return reverse ? steps - 1 - step : step;
  }

  /**
   * Runs all steps.
   *
   * @param initial per state a {@code [B, H]} tensor, or null for zeros
   */
  void forward(KernelOps ops, Tensor[] initial, LengthMask mask) {
    for (int k = 0; k < stateCount; k++) {
      if (initial == null) {
        stateViews[0][k].fill(0);
      } else {
        stateViews[0][k].copyFrom(initial[k]);
      }
    }
    LayerPhaseEvent projection = LayerPhaseEvent.started();
    driver.beginForward(ops);
    LayerPhaseEvent.end(projection, LayerPhaseEvent.INPUT_PROJECTION);
    for (int s = 0; s < steps; s++) {
      LayerPhaseEvent step = LayerPhaseEvent.started();
      driver.forwardStep(ops, s, stateViews[s], stateViews[s + 1]);
      LayerPhaseEvent.end(step, LayerPhaseEvent.FORWARD_STEP);
      mask.keepInactive(time(s), stateViews[s], stateViews[s + 1]);
    }
  }

  /**
   * Counts the gate saturation of the last forward pass over all its steps (padding rows of
   * variable-length batches included: their gates are computed like any other).
   *
   * @return the filled counter (reused by the next call), or null when the cell exposes no gates
   */
  SaturationCounter countSaturation() {
    if (saturation == null) {
      List<GateSpec> gates = driver.gates();
      if (gates == null) {
        return null;
      }
      saturation = new SaturationCounter(gates);
    }
    saturation.reset();
    for (int s = 0; s < steps; s++) {
      driver.countSaturation(s, saturation);
    }
    return saturation;
  }

  /** @return state {@code k} after the last step, {@code [B, H]} (a view, overwritten by the next forward) */
  Tensor finalState(int k) {
    return stateViews[steps][k];
  }

  /**
   * Writes this direction's outputs into block {@code d} of {@code out}, zero on padding:
   * {@code out [T, B, D*H]} time-major, or {@code [B, T, D*H]} when {@code batchFirst} (the top
   * layer writes the caller's {@code y} directly, saving a transpose pass).
   */
  void writeOutputs(KernelOps ops, Tensor out, int d, LengthMask mask, boolean batchFirst) {
    int width = out.dim(2);
    if (!reverse && width == hidden && !mask.any()) {
      // one direction, no padding: step s is time s, so out is hNext itself (time-major) or its
      // transpose over the leading axes: one kernel call, split between the kernel threads,
      // instead of T*B row copies on the calling thread while the others wait
      if (batchFirst) {
        ops.swapLeadingAxes(hNext, out);
      } else {
        out.copyFrom(hNext);
      }
      return;
    }
    for (int s = 0; s < steps; s++) {
      int t = time(s);
      Tensor h = stateViews[s + 1][0];
      for (int b = 0; b < batch; b++) {
        int row = batchFirst ? b * steps + t : t * batch + b;
        int at = row * width + d * hidden;
        if (mask.active(t, b)) {
          Tensor.copyRange(h, b * hidden, out, at, hidden);
        } else {
          Layout.zero(out, at, hidden);
        }
      }
    }
  }

  /**
   * Back-propagates the steps of one window, in reverse step order, and <b>adds</b> the input
   * gradients into the bound input-gradient tensor; parameter gradients accumulate in the cell.
   *
   * @param dOut output gradients, block {@code d} is ours: {@code [T, B, D*H]} (zero on padding)
   *     from the layer above, or the caller's {@code [B, T, D*H]} when {@code batchFirst} (padding
   *     rows are skipped), read a step at a time so that no time-major copy is needed
   * @param batchFirst the layout of {@code dOut}
   * @param d this direction's block index
   * @param fromStep first step of the window
   * @param injectFrom first step whose output gradient is added
   * @param toStep one past the last step of the window
   * @param dFinal per state {@code [B, H]} gradient of the state after step {@code toStep - 1}, or null
   * @param hiddenNorms when not null, receives at index {@code t} (time, not step) the Frobenius
   *     norm of the total gradient reaching {@code h_t}, i.e. the {@code dNext[0]} handed to the
   *     cell (zero on padding rows)
   * @return per state the gradient w.r.t. the state before {@code fromStep} (a reused buffer)
   */
  Tensor[] backward(KernelOps ops, Tensor dOut, boolean batchFirst, int d, int fromStep,
      int injectFrom, int toStep, Tensor[] dFinal, LengthMask mask, double[] hiddenNorms) {
    for (int k = 0; k < stateCount; k++) {
      if (dFinal == null) {
        grad[k].fill(0);
      } else {
        grad[k].copyFrom(dFinal[k]);
      }
    }
    for (int s = toStep - 1; s >= fromStep; s--) {
      int t = time(s);
      if (s >= injectFrom) {
        addOutputGradient(ops, dOut, batchFirst, d, t, mask);
      }
      Tensor[] toCell = grad;
      if (mask.any()) {
        for (int k = 0; k < stateCount; k++) {
          gradToCell[k].copyFrom(grad[k]);
        }
        mask.zeroInactive(t, gradToCell);
        toCell = gradToCell;
      }
      if (hiddenNorms != null) {
        hiddenNorms[t] = Math.sqrt(ops.sumOfSquares(toCell[0]));
      }
      LayerPhaseEvent step = LayerPhaseEvent.started();
      driver.backwardStep(ops, s, stateViews[s], stateViews[s + 1], toCell, gradPrev);
      LayerPhaseEvent.end(step, LayerPhaseEvent.BACKWARD_STEP);
      mask.keepInactive(t, grad, gradPrev);
      Tensor[] swap = grad;
      grad = gradPrev;
      gradPrev = swap;
    }
    LayerPhaseEvent weights = LayerPhaseEvent.started();
    driver.endBackward(ops, fromStep, toStep, hPrev);
    LayerPhaseEvent.end(weights, LayerPhaseEvent.WEIGHT_GRADIENTS);
    return grad;
  }

  /**
   * Time step {@code t} of a time-major {@code seq}, from views made once per tensor (the layer
   * above's gradient buffer, the same every pass), so the time loop allocates nothing.
   */
  private Tensor stepOf(Tensor seq, int t) {
    if (seq != stepSource) {
      stepViews = new Tensor[seq.dim(0)];
      for (int i = 0; i < stepViews.length; i++) {
        stepViews[i] = seq.slice(i);
      }
      stepSource = seq;
    }
    return stepViews[t];
  }

  /** {@code grad[0] +=} block {@code d} of the output gradient at time {@code t}. */
  private void addOutputGradient(KernelOps ops, Tensor dOut, boolean batchFirst, int d, int t,
      LengthMask mask) {
    int width = dOut.dim(2);
    if (!batchFirst && width == hidden) {
      // one direction, time-major: the step's rows are contiguous already
      ops.axpy(1, stepOf(dOut, t), grad[0]);
      return;
    }
    for (int b = 0; b < batch; b++) {
      int row = batchFirst ? b * steps + t : t * batch + b;
      if (mask.active(t, b)) {
        Tensor.copyRange(dOut, row * width + d * hidden, injected, b * hidden, hidden);
      } else {
        Layout.zero(injected, b * hidden, hidden);
      }
    }
    ops.axpy(1, injected, grad[0]);
  }
}
