package org.rnnlab.plugins.cell;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.diag.GateKind;
import org.rnnlab.api.diag.GateSpec;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.plugins.core.layer.SequenceGateProbe;

/**
 * Long short-term memory cell, as {@code torch.nn.LSTM} (Hochreiter &amp; Schmidhuber 1997, with
 * the forget gate of Gers et al. 2000). Type key {@code lstm}.
 *
 * <pre>
 *   i  = σ(W_ii x + b_ii + W_hi h + b_hi)
 *   f  = σ(W_if x + b_if + W_hf h + b_hf)
 *   g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
 *   o  = σ(W_io x + b_io + W_ho h + b_ho)
 *   c' = f * c + i * g
 *   h' = o * tanh(c')
 * </pre>
 *
 * <p>Shapes: {@code x [B, I]}; two state tensors, {@code h [B, H]} (state 0) and {@code c [B, H]}
 * (state 1).
 *
 * <p>Parameters (gate order {@code i|f|g|o}): {@code weight_ih [4H, I]}, {@code weight_hh [4H, H]},
 * {@code bias_ih [4H]}, {@code bias_hh [4H]}. Initialisation: every entry from
 * {@code U(-1/sqrt(H), 1/sqrt(H))}, then {@link LstmConfig#forgetBias()} is added to the forget
 * block {@code bias_ih[H:2H]} (0 by default, which is exactly PyTorch).
 *
 * <p>Gate saturation ({@link SequenceGateProbe}, both paths): gates {@code i, f, o} (sigmoid) and
 * {@code g} (tanh), counted on the activations the forward pass keeps.
 *
 * <pre>{@code
 * Cell lstm = LstmCell.FACTORY.create(new LstmConfig(1.0), new CellShape(10, 20, DType.FLOAT32));
 * lstm.resetParameters(new SplittableRandom(42));
 * }</pre>
 */
public final class LstmCell extends AbstractSequenceGateCell<LstmCell.StepCache>
    implements SequenceGateProbe {
  private static final int GATES = 4;
  private static final List<GateSpec> GATE_SPECS = List.of(new GateSpec("i", GateKind.SIGMOID),
      new GateSpec("f", GateKind.SIGMOID), new GateSpec("g", GateKind.TANH),
      new GateSpec("o", GateKind.SIGMOID));

  /** Activated gates and new cell state of one step, plus backward scratch. */
  static final class StepCache extends AbstractGateCell.BatchCache {
    final Tensor gates;
    final Tensor c;
    final Tensor dGates;

    StepCache(LstmCell cell, int batch) {
      super(batch);
      this.gates = cell.gates(batch, GATES);
      this.c = cell.hidden(batch);
      this.dGates = cell.gates(batch, GATES);
    }
  }

  private final LstmConfig config;

  /**
   * @param config options
   * @param shape sizes and dtype
   */
  public LstmCell(LstmConfig config, CellShape shape) {
    super(shape, GATES, StepCache.class);
    this.config = config;
  }

  @Override
  public int stateCount() {
    return 2;
  }

  @Override
  public void resetParameters(SplittableRandom rng) {
    super.resetParameters(rng);
    if (config.forgetBias() != 0) {
      Tensor forget = params.gateRows(params.biasIh().value(), 1, 1);
      for (int j = 0; j < forget.size(); j++) {
        forget.add(j, config.forgetBias());
      }
    }
  }

  @Override
  public StepCache newCache(int batch) {
    return new StepCache(this, batch);
  }

  @Override
  void step(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, StepCache k) {
    params.projectInput(ops, x, k.gates);
    params.projectHidden(ops, prev[0], 1, k.gates);
    ops.lstmForward(k.gates, prev[1], k.c, next[0]);
    next[1].copyFrom(k.c);
  }

  @Override
  void stepBackward(KernelOps ops, Tensor x, Tensor[] prev, StepCache k, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev) {
    ops.lstmBackward(k.gates, prev[1], k.c, dNext[0], dNext[1], k.dGates, dPrev[1]);
    params.backInput(ops, k.dGates, x, dx);
    params.backHidden(ops, k.dGates, prev[0], 0, dPrev[0]);
  }

  @Override
  public GateSequenceCache newSequenceCache(int steps, int batch) {
    // no extra tensor: c of every step is the layer's state 1, handed back as next[1]
    return new GateSequenceCache(shape.dtype(), steps, batch, GATES * shape.hiddenSize(), false,
        0);
  }

  @Override
  void sequenceStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next, GateSequenceCache k) {
    ops.lstmStep(prev[0], params.packedHidden(), k.gateSteps[s], prev[1], next[1], next[0]);
  }

  @Override
  boolean foldsHiddenBias() {
    return true;
  }

  @Override
  void sequenceStepBackward(KernelOps ops, int s, Tensor[] prev, Tensor[] next, Tensor[] dNext,
      Tensor[] dPrev, GateSequenceCache k) {
    ops.lstmBackward(k.gateSteps[s], prev[1], next[1], dNext[0], dNext[1],
        k.dInputSteps[s], dPrev[1]);
    params.backHiddenState(ops, k.dInputSteps[s], 0, dPrev[0]);
  }

  @Override
  public List<GateSpec> gates() {
    return GATE_SPECS;
  }

  @Override
  public void countSaturation(Cell.Cache cache, SaturationCounter counter) {
    counter.countRows(typed(cache).gates);
  }

  @Override
  public void countSaturation(SequenceCache cache, int step, SaturationCounter counter) {
    countSequenceGates(cache, step, counter);
  }

  @Override
  public String toString() {
    return "LstmCell(" + shape.inputSize() + ", " + shape.hiddenSize()
        + (config.forgetBias() != 0 ? ", forgetBias=" + config.forgetBias() : "") + ")";
  }

  /** Creates {@link LstmCell}s. */
  public static final CellFactory<LstmConfig> FACTORY = CellFactory.of(
      LstmConfig.class, LstmConfig.defaults(),
      "LSTM with gate order i,f,g,o (torch.nn.LSTM); optional forget-gate bias offset",
      LstmCell::new);
}
