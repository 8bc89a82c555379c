package org.rnnlab.plugins.core.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * A multi-layer, optionally bidirectional recurrent layer over any {@link Cell}, with the
 * semantics of {@code torch.nn.LSTM(batch_first=True)} and packed sequences: stacking, reverse
 * direction, variable lengths, dropout between layers and truncated BPTT ({@link Truncation}).
 * Third-party cells get all of it through the step contract alone.
 *
 * <p>Shapes: {@code B} batch, {@code T} time, {@code I} input, {@code H} hidden, {@code L} layers,
 * {@code D} directions, {@code S} = {@link #stateCount()}.
 * <pre>
 *   x      [B, T, I]       y           [B, T, D*H]  (forward block, then reverse block)
 *   states S x [L*D, B, H] (row l*D + d: layer l, direction d; PyTorch's h_0 / c_0 layout)
 * </pre>
 *
 * <p>Parameters are the cells' own, renamed PyTorch-style with {@code _l<k>} and
 * {@code _reverse} suffixes, in PyTorch's order ({@code weight_ih_l0, weight_hh_l0, bias_ih_l0,
 * bias_hh_l0, weight_ih_l0_reverse, ..., weight_ih_l1, ...} for the built-in cells).
 *
 * <p>Variable lengths: row {@code b} has {@code lengths[b]} valid steps; its output is zero at
 * {@code t >= lengths[b]}, its final state is its state at the last valid step and its reverse
 * direction starts at that step (see {@link LengthMask}).
 *
 * <p>Diagnostics: the overloads taking a {@link StackDiagnostics} report gate saturation after
 * {@link #forward} and {@code ||dL/dh_t||} after {@link #backward} for every layer and direction
 * (keys {@code l0}, {@code l0_reverse}, {@code l1}, ...) on the steps the sink wants; the other
 * overloads report nothing and cost nothing. {@link #probeHiddenGradients} measures
 * {@code ||dL/dh_t||} for a loss on the last step only, without touching parameter gradients.
 *
 * <p>Buffers and per-step cell caches are allocated once per {@code (T, B)} and reused by later
 * calls with the same sizes. Usage: {@link #forward}, then optionally {@link #backward} (which
 * needs the caches of the last forward and may be called again for another loss).
 *
 * <p><b>Not thread-safe</b>: one stack serves one thread at a time.
 */
public final class RecurrentStack {
  private final RecurrentSpec spec;
  private final DType dtype;
  private final int layers;
  private final int dirs;
  private final int hidden;
  private final int stateCount;
  private final DirectionRunner[][] runners;
  private final List<Parameter> parameters;
  private final InterLayerDropout dropout;

  private int steps = -1;
  private int batch = -1;
  private Tensor[] layerIn;
  private Tensor[] layerOut;
  private Tensor[] dLayerIn;
  private Tensor dxTime;
  private LengthMask mask;
  private double[][][] hiddenNorms;
  private final LastStepProbe probe = new LastStepProbe();
  private boolean inputGradient = true;
  /** Whether backward must leave the forward values intact (PyTorch's {@code retain_graph}). */
  private boolean retainForward;
  /** Set by a backward pass that overwrote the forward values; cleared by forward. */
  private boolean forwardConsumed;

  /**
   * @param factory creates the cell of every layer and direction
   * @param cellConfig the cells' options, of the factory's config type
   * @param spec sizes, layers, directions, dropout
   * @param dtype element type of parameters and activations
   */
  public RecurrentStack(CellFactory<?> factory, PluginConfig cellConfig, RecurrentSpec spec,
      DType dtype) {
    this.spec = spec;
    this.dtype = dtype;
    this.layers = spec.numLayers();
    this.dirs = spec.directions();
    this.hidden = spec.hiddenSize();
    this.runners = new DirectionRunner[layers][dirs];
    this.dropout = new InterLayerDropout(spec.dropout());
    List<Parameter> params = new ArrayList<>();
    int count = -1;
    for (int l = 0; l < layers; l++) {
      for (int d = 0; d < dirs; d++) {
        Cell cell = factory.createFrom(cellConfig, new CellShape(spec.layerInputSize(l), hidden, dtype));
        if (count >= 0 && cell.stateCount() != count) {
          throw new IllegalStateException(
              "cell factory " + factory.getClass().getName() + " made cells with "
                  + count + " and " + cell.stateCount() + " states; a stack needs one count");
        }
        count = cell.stateCount();
        runners[l][d] = new DirectionRunner(cell, d == 1, dtype);
        String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
        for (Parameter p : cell.parameters()) {
          params.add(p.renamed(p.name() + suffix));
        }
      }
    }
    this.stateCount = count;
    this.parameters = Collections.unmodifiableList(params);
  }

  /** What {@link #forward} returns: fresh tensors, owned by the caller. */
  public record Output(Tensor y, Tensor[] finalStates) {}

  /** What {@link #backward} returns: fresh tensors, owned by the caller. */
  public record Gradients(Tensor dx, Tensor[] dInitialStates) {}

  /** @return the stack's shape */
  public RecurrentSpec spec() {
    return spec;
  }

  /** @return every parameter, PyTorch names and order; the same objects on every call */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** @return state tensors per cell ({@code S}): 1 for RNN and GRU, 2 for LSTM */
  public int stateCount() {
    return stateCount;
  }

  /**
   * Re-initialises every cell in parameter order, each from its own {@code rng.split()}.
   *
   * @param rng the initialisation stream
   */
  public void resetParameters(SplittableRandom rng) {
    for (DirectionRunner[] layer : runners) {
      for (DirectionRunner r : layer) {
        r.cell().resetParameters(rng.split());
      }
    }
  }

  /** Sets every parameter gradient to zero. */
  public void zeroGrad() {
    parameters.forEach(Parameter::zeroGrad);
  }

  /**
   * Whether {@link #backward} computes {@code dx} (default true). A model whose input is data
   * (no embedding or layer below) turns it off: the first layer then skips its input-gradient
   * GEMM, as PyTorch does for an input without {@code requires_grad}, and {@code dx} is zero.
   *
   * @param on false to skip the input gradient
   */
  public void setInputGradient(boolean on) {
    inputGradient = on;
    for (DirectionRunner r : runners[0]) {
      r.setInputGradient(on);
    }
  }

  /**
   * Whether {@link #backward} keeps the forward values (default false). By default a full-BPTT
   * or chunked-TBPTT backward pass is the last use of them, and the cells write their gate
   * gradients over the gate activations (one {@code [T, B, G*H]} buffer per layer and direction
   * less), as PyTorch frees saved tensors after {@code backward()}; a second backward of the
   * same forward pass then fails. Turn this on to back-propagate one forward pass more than
   * once ({@code retain_graph=True}). TBPTT with {@code k2 > k1}, whose windows overlap, and
   * {@link #probeHiddenGradients} always keep them.
   *
   * @param on true to keep the forward values through backward
   */
  public void setRetainForward(boolean on) {
    retainForward = on;
  }

  /**
   * Runs the stack over a batch of sequences.
   *
   * @param ops kernels
   * @param x input {@code [B, T, I]}, batch first, finite
   * @param lengths valid length of each row in {@code [1, T]}, or null for all {@code T}
   * @param initialStates {@code S} tensors {@code [L*D, B, H]}, or null for zeros
   * @param dropoutRng stream for training dropout between layers; null means evaluation
   * @return {@code y [B, T, D*H]} (zero on padding) and {@code S} final states {@code [L*D, B, H]}
   * @throws IllegalArgumentException naming the offending tensor and its expected shape
   */
  public Output forward(KernelOps ops, Tensor x, int[] lengths, Tensor[] initialStates,
      SplittableRandom dropoutRng) {
    return forward(ops, x, lengths, initialStates, dropoutRng, StackDiagnostics.NONE);
  }

  /**
   * {@link #forward(KernelOps, Tensor, int[], Tensor[], SplittableRandom)}, then, when
   * {@code diag} asks for it on its step, reports the gate saturation of every layer and
   * direction whose cell exposes its gates, counted over all steps and batch rows.
   *
   * @param diag what to report; {@link StackDiagnostics#NONE} for nothing
   */
  public Output forward(KernelOps ops, Tensor x, int[] lengths, Tensor[] initialStates,
      SplittableRandom dropoutRng, StackDiagnostics diag) {
    StackInputs.checkInput(ops, spec, dtype, x);
    int b = x.dim(0);
    int t = x.dim(1);
    StackInputs.checkLengths(lengths, b, t);
    StackInputs.checkStates("initialStates", initialStates, stateCount, layers * dirs, b, hidden);
    ensureBuffers(t, b);
    mask = new LengthMask(lengths, t);
    forwardConsumed = false;
    ops.swapLeadingAxes(x, layerIn[0]);
    dropout.begin(dropoutRng);
    for (int l = 0; l < layers; l++) {
      if (l > 0) {
        dropout.forward(ops, l, layerOut[l - 1], layerIn[l]);
      }
      for (int d = 0; d < dirs; d++) {
        runners[l][d].forward(ops, statesOf(initialStates, l * dirs + d), mask);
        if (l < layers - 1) {
          runners[l][d].writeOutputs(ops, layerOut[l], d, mask, false);
        }
      }
    }
    if (diag.reportsGateSaturation()) {
      reportSaturation(diag);
    }
    Tensor y = Tensor.zeros(dtype, b, t, dirs * hidden);
    for (int d = 0; d < dirs; d++) {
      runners[layers - 1][d].writeOutputs(ops, y, d, mask, true);
    }
    Tensor[] finals = new Tensor[stateCount];
    for (int k = 0; k < stateCount; k++) {
      finals[k] = Tensor.zeros(dtype, layers * dirs, b, hidden);
      for (int l = 0; l < layers; l++) {
        for (int d = 0; d < dirs; d++) {
          finals[k].slice(l * dirs + d).copyFrom(runners[l][d].finalState(k));
        }
      }
    }
    return new Output(y, finals);
  }

  /**
   * Back-propagates the last {@link #forward} and <b>accumulates</b> parameter gradients.
   *
   * @param ops kernels
   * @param dy gradient of the loss w.r.t. {@code y}, {@code [B, T, D*H]} (padding is ignored)
   * @param dFinalStates {@code S} tensors {@code [L*D, B, H]}, or null for zeros
   * @param truncation TBPTT(k1, k2), or null for full BPTT; unidirectional stacks only
   * @return {@code dx [B, T, I]} (zero on padding; null when {@link #setInputGradient} is off,
   *     like PyTorch's {@code x.grad} for an input without {@code requires_grad}) and {@code S}
   *     tensors {@code [L*D, B, H]}
   * @throws IllegalStateException when no forward pass preceded
   * @throws IllegalArgumentException on bad shapes, or truncation of a bidirectional stack
   */
  public Gradients backward(KernelOps ops, Tensor dy, Tensor[] dFinalStates, Truncation truncation) {
    return backward(ops, dy, dFinalStates, truncation, StackDiagnostics.NONE);
  }

  /**
   * {@link #backward(KernelOps, Tensor, Tensor[], Truncation)} that, when {@code diag} asks for it
   * on its step, reports for every layer and direction {@code ||dL/dh_t||_F}: the norm over batch
   * rows and hidden units of the total gradient reaching {@code h_t} (from the output at
   * {@code t} and from the next step), indexed by time. With truncated BPTT a step covered by
   * several windows reports the value of the last window that back-propagated it.
   *
   * @param diag what to report; {@link StackDiagnostics#NONE} for nothing
   */
  public Gradients backward(KernelOps ops, Tensor dy, Tensor[] dFinalStates, Truncation truncation,
      StackDiagnostics diag) {
    return backward(ops, dy, dFinalStates, truncation, diag, !retainForward);
  }

  /** @param mayConsume whether this pass may overwrite the forward values (see setRetainForward) */
  private Gradients backward(KernelOps ops, Tensor dy, Tensor[] dFinalStates,
      Truncation truncation, StackDiagnostics diag, boolean mayConsume) {
    if (mask == null) {
      throw new IllegalStateException("backward needs a preceding forward pass of this stack");
    }
    if (forwardConsumed) {
      throw new IllegalStateException("backward: the previous backward pass used up this forward "
          + "pass's values (they hold gate gradients now); run forward again, or call "
          + "setRetainForward(true) to back-propagate one forward pass more than once");
    }
    if (truncation != null && dirs == 2) {
      throw new IllegalArgumentException(
          "truncated BPTT " + truncation + " is defined along one time direction; "
              + "a bidirectional stack needs truncation = null (full BPTT)");
    }
    Tensor.requireShape("dy", dy, batch, steps, dirs * hidden);
    StackInputs.requireFinite(ops, "dy", dy);
    StackInputs.checkStates("dFinalStates", dFinalStates, stateCount, layers * dirs, batch, hidden);
    // overlapping TBPTT windows (k2 > k1) back-propagate steps more than once
    boolean consume = mayConsume && (truncation == null || truncation.k1() == truncation.k2());
    for (DirectionRunner[] layer : runners) {
      for (DirectionRunner r : layer) {
        // cells on the step contract, or plugins that keep their values, consume nothing
        forwardConsumed |= r.beginBackward(consume);
      }
    }
    if (inputGradient) {
      if (dLayerIn[0] == null) {
        dLayerIn[0] = Tensor.zeros(dtype, steps, batch, spec.inputSize());
        for (DirectionRunner r : runners[0]) {
          r.bindInputGradient(dLayerIn[0]);
        }
      }
      if (dxTime == null) {
        dxTime = Tensor.zeros(dtype, steps, batch, spec.inputSize());
      } else {
        dxTime.fill(0);
      }
    }
    Tensor[] dInitial = new Tensor[stateCount];
    for (int k = 0; k < stateCount; k++) {
      dInitial[k] = Tensor.zeros(dtype, layers * dirs, batch, hidden);
    }
    List<Truncation.Window> windows =
        truncation == null ? Truncation.full(steps) : truncation.windows(steps);
    double[][][] norms = diag.reportsHiddenGradients() ? normBuffers() : null;
    for (Truncation.Window w : windows) {
      backwardWindow(ops, dy, w, dFinalStates, dInitial, norms);
    }
    if (norms != null) {
      for (int l = 0; l < layers; l++) {
        for (int d = 0; d < dirs; d++) {
          diag.sink().hiddenGradientNorms(diag.step(), layerKey(l, d), d == 1, norms[l][d], steps);
        }
      }
    }
    Tensor dx = null;
    if (inputGradient) {
      dx = Tensor.zeros(dtype, batch, steps, spec.inputSize());
      ops.swapLeadingAxes(dxTime, dx);
    }
    return new Gradients(dx, dInitial);
  }

  /** @param dy the caller's output gradient, batch first; the top layer reads it step by step */
  private void backwardWindow(KernelOps ops, Tensor dy, Truncation.Window w,
      Tensor[] dFinalStates, Tensor[] dInitial, double[][][] norms) {
    Tensor dOut = dy;
    boolean batchFirst = true;
    int inject = w.inject();
    for (int l = layers - 1; l >= 0; l--) {
      // layer 0 writes its input gradient only when the caller wants dx
      if (l > 0 || inputGradient) {
        dLayerIn[l].narrow(w.start(), w.end()).fill(0);
      }
      for (int d = 0; d < dirs; d++) {
        int row = l * dirs + d;
        Tensor[] dFinal = w.end() == steps ? statesOf(dFinalStates, row) : null;
        Tensor[] g = runners[l][d].backward(ops, dOut, batchFirst, d, w.start(), inject, w.end(),
            dFinal, mask, norms == null ? null : norms[l][d]);
        if (w.start() == 0) {
          for (int k = 0; k < stateCount; k++) {
            ops.axpy(1, g[k], dInitial[k].slice(row));
          }
        }
      }
      if (l > 0) {
        dropout.backward(ops, l, dLayerIn[l]);
        dOut = dLayerIn[l];
        batchFirst = false;
        // below the top layer every step of the window carries gradient from the layer above
        inject = w.start();
      }
    }
    if (inputGradient) {
      ops.axpy(1, dLayerIn[0].narrow(w.start(), w.end()), dxTime.narrow(w.start(), w.end()));
    }
  }

  /**
   * Measures {@code ||dL/dh_t||} as if the loss sat on the last step of each direction only, and
   * reports it like {@link #backward(KernelOps, Tensor, Tensor[], Truncation, StackDiagnostics)}.
   * With a loss at every step the per-step output gradients mask how the gradient of one
   * output decays with distance; this probe keeps, of {@code dy}, only each row's last valid step
   * in the forward block and step 0 in the reverse block (each direction's last processed step),
   * and back-propagates that. Parameter gradients are left exactly as they were (saved and
   * restored) and the forward values are kept, so it runs before the real backward (after it
   * only with {@link #setRetainForward}, since the real backward uses them up). The first probe
   * allocates the gate-gradient buffers a consuming backward does without. Does nothing unless
   * {@code diag} reports hidden gradients on its step; buffers are reused across calls.
   *
   * @param ops kernels
   * @param dy the real gradient of the loss w.r.t. {@code y}, {@code [B, T, D*H]}
   * @param truncation as for the real backward pass
   * @param diag what to report
   */
  public void probeHiddenGradients(KernelOps ops, Tensor dy, Truncation truncation,
      StackDiagnostics diag) {
    if (!diag.reportsHiddenGradients()) {
      return;
    }
    if (mask == null) {
      throw new IllegalStateException("probeHiddenGradients needs a preceding forward pass of this stack");
    }
    Tensor.requireShape("dy", dy, batch, steps, dirs * hidden);
    Tensor lastSteps = probe.lastStepsOnly(dy, mask, dirs, hidden);
    probe.saveGradients(parameters);
    backward(ops, lastSteps, null, truncation, diag, false);
    probe.restoreGradients(parameters);
  }

  private void reportSaturation(StackDiagnostics diag) {
    for (int l = 0; l < layers; l++) {
      for (int d = 0; d < dirs; d++) {
        SaturationCounter counter = runners[l][d].countSaturation();
        if (counter != null) {
          diag.sink().gateSaturation(diag.step(), layerKey(l, d), counter);
        }
      }
    }
  }

  /** @return zeroed {@code [L][D][T]} norm buffers, reused while {@code T} is unchanged */
  private double[][][] normBuffers() {
    if (hiddenNorms == null || hiddenNorms[0][0].length != steps) {
      hiddenNorms = new double[layers][dirs][steps];
    } else {
      for (double[][] layer : hiddenNorms) {
        for (double[] row : layer) {
          java.util.Arrays.fill(row, 0);
        }
      }
    }
    return hiddenNorms;
  }

  /** @return PyTorch's suffix for layer {@code l}, direction {@code d}: {@code l0}, {@code l0_reverse} */
  static String layerKey(int l, int d) {
    return "l" + l + (d == 1 ? "_reverse" : "");
  }

  private static Tensor[] statesOf(Tensor[] stacked, int row) {
    if (stacked == null) {
      return null;
    }
    Tensor[] out = new Tensor[stacked.length];
    for (int k = 0; k < stacked.length; k++) {
      out[k] = stacked[k].slice(row);
    }
    return out;
  }

  private void ensureBuffers(int t, int b) {
    if (t == steps && b == batch) {
      return;
    }
    steps = t;
    batch = b;
    int width = dirs * hidden;
    layerIn = new Tensor[layers];
    layerOut = new Tensor[layers];
    dLayerIn = new Tensor[layers];
    for (int l = 0; l < layers; l++) {
      layerIn[l] = Tensor.zeros(dtype, t, b, spec.layerInputSize(l));
      // the top layer writes y directly (batch first), so it needs no time-major output
      layerOut[l] = l < layers - 1 ? Tensor.zeros(dtype, t, b, width) : null;
      // layer 0's input gradient waits for the first backward pass that wants dx
      dLayerIn[l] = l == 0 && !inputGradient ? null
          : Tensor.zeros(dtype, t, b, spec.layerInputSize(l));
      for (int d = 0; d < dirs; d++) {
        runners[l][d].bind(layerIn[l], dLayerIn[l]);
      }
    }
    dropout.allocate(dtype, layers, t, b, width);
    // allocated by the first backward that wants dx
    dxTime = null;
  }

  @Override
  public String toString() {
    return "RecurrentStack(" + runners[0][0].cell() + ", " + spec + ")";
  }
}
