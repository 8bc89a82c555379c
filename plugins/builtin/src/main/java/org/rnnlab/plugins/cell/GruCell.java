package org.rnnlab.plugins.cell;

import java.util.List;
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
 * Gated recurrent unit, PyTorch variant, as {@code torch.nn.GRU} (type key {@code gru}, the
 * default {@code variant: pytorch}; see {@link Cho2014GruCell} for the original).
 *
 * <pre>
 *   r  = σ(W_ir x + b_ir + W_hr h + b_hr)
 *   z  = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *   h' = (1 - z) * n + z * h
 * </pre>
 *
 * <p>Shapes: {@code x [B, I]}, one state tensor {@code h [B, H]}.
 *
 * <p>Parameters (gate order {@code r|z|n}): {@code weight_ih [3H, I]}, {@code weight_hh [3H, H]},
 * {@code bias_ih [3H]}, {@code bias_hh [3H]}, all from {@code U(-1/sqrt(H), 1/sqrt(H))}.
 *
 * <p>Gate saturation ({@link SequenceGateProbe}, both paths): gates {@code r, z} (sigmoid) and
 * {@code n} (tanh), counted on the activations the forward pass keeps.
 *
 * <pre>{@code
 * Cell gru = GruCell.FACTORY.create(GruConfig.defaults(), new CellShape(10, 20, DType.FLOAT32));
 * }</pre>
 */
public final class GruCell extends AbstractSequenceGateCell<GruCell.StepCache>
    implements SequenceGateProbe {
  private static final int GATES = 3;
  /** Gates {@code r, z, n}, shared with {@link Cho2014GruCell}. */
  static final List<GateSpec> GATE_SPECS = List.of(new GateSpec("r", GateKind.SIGMOID),
      new GateSpec("z", GateKind.SIGMOID), new GateSpec("n", GateKind.TANH));

  /** Gate activations {@code r|z|n}, recurrent pre-activations and backward scratch. */
  static final class StepCache extends AbstractGateCell.BatchCache {
    final Tensor rzn;
    final Tensor gh;
    final Tensor dgi;
    final Tensor dgh;

    StepCache(GruCell cell, int batch) {
      super(batch);
      this.rzn = cell.gates(batch, GATES);
      this.gh = cell.gates(batch, GATES);
      this.dgi = cell.gates(batch, GATES);
      this.dgh = cell.gates(batch, GATES);
    }
  }

  /** @param shape sizes and dtype */
  public GruCell(CellShape shape) {
    super(shape, GATES, StepCache.class);
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public StepCache newCache(int batch) {
    return new StepCache(this, batch);
  }

  @Override
  void step(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, StepCache k) {
    params.projectInput(ops, x, k.rzn);
    params.projectHidden(ops, prev[0], 0, k.gh);
    ops.gruForward(k.rzn, k.gh, prev[0], next[0]);
  }

  @Override
  void stepBackward(KernelOps ops, Tensor x, Tensor[] prev, StepCache k, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev) {
    ops.gruBackward(k.rzn, k.gh, prev[0], dNext[0], k.dgi, k.dgh, dPrev[0]);
    params.backInput(ops, k.dgi, x, dx);
    // dPrev already holds the direct path dh * z; add the path through the gates
    params.backHidden(ops, k.dgh, prev[0], 1, dPrev[0]);
  }

  /**
   * Per step the sequence cache keeps {@code r|z|n} and the n block of {@code W_hh h + b_hh}
   * (the r gradient needs it): {@code 4H} per row, where keeping all of {@code W_hh h + b_hh}
   * took {@code 6H}. The recurrent-side gradients store only their n block: their r and z
   * blocks are the input side's, which the weight gradient reads in place.
   */
  @Override
  public GateSequenceCache newSequenceCache(int steps, int batch) {
    int hidden = shape.hiddenSize();
    return new GateSequenceCache(shape.dtype(), steps, batch, GATES * hidden, true, hidden);
  }

  @Override
  void sequenceStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next, GateSequenceCache k) {
    ops.gruStep(prev[0], params.packedHidden(), params.biasHh().value(), k.gateSteps[s],
        k.recurrentStep, next[0], k.extraSteps[s]);
  }

  @Override
  boolean foldsHiddenBias() {
    return false;
  }

  @Override
  void sequenceStepBackward(KernelOps ops, int s, Tensor[] prev, Tensor[] next, Tensor[] dNext,
      Tensor[] dPrev, GateSequenceCache k) {
    Tensor dgh = k.recurrentStep;
    // the kernel reads the kept n block of gh, writes the step's whole recurrent-side gradient
    // and keeps its n block; in a consuming pass dHiddenSteps[s] is extraSteps[s], each element
    // read before it is written
    ops.gruBackward(k.gateSteps[s], k.extraSteps[s], prev[0], dNext[0], k.dInputSteps[s], dgh,
        dPrev[0], k.dHiddenSteps[s]);
    params.backHiddenState(ops, dgh, 1, dPrev[0]);
  }

  @Override
  public List<GateSpec> gates() {
    return GATE_SPECS;
  }

  @Override
  public void countSaturation(Cell.Cache cache, SaturationCounter counter) {
    counter.countRows(typed(cache).rzn);
  }

  @Override
  public void countSaturation(SequenceCache cache, int step, SaturationCounter counter) {
    countSequenceGates(cache, step, counter);
  }

  @Override
  public String toString() {
    return "GruCell(" + shape.inputSize() + ", " + shape.hiddenSize() + ")";
  }

  /** Creates {@link GruCell}s or, with {@code variant: cho2014}, {@link Cho2014GruCell}s. */
  public static final CellFactory<GruConfig> FACTORY = CellFactory.of(
      GruConfig.class, GruConfig.defaults(),
      "GRU, gate order r,z,n; variant pytorch (torch.nn.GRU, default) or cho2014",
      (config, shape) -> GruConfig.CHO2014.equals(config.variant())
          ? new Cho2014GruCell(shape) : new GruCell(shape));
}
