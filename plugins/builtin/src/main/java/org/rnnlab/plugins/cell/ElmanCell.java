package org.rnnlab.plugins.cell;

import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * Elman recurrent cell, as {@code torch.nn.RNN} with {@code nonlinearity='tanh'} (type key
 * {@code rnn_tanh}) or {@code 'relu'} ({@code rnn_relu}).
 *
 * <pre>
 *   h' = act(W_ih x + b_ih + W_hh h + b_hh)        act = tanh or relu
 * </pre>
 *
 * <p>Shapes: {@code x [B, I]}, state {@code h [B, H]} (one state tensor).
 *
 * <p>Parameters: {@code weight_ih [H, I]}, {@code weight_hh [H, H]}, {@code bias_ih [H]},
 * {@code bias_hh [H]}, all initialised from {@code U(-1/sqrt(H), 1/sqrt(H))}.
 *
 * <pre>{@code
 * Cell cell = ElmanCell.factory(Activation.TANH).create(new NoConfig(), new CellShape(3, 8, DType.FLOAT32));
 * cell.resetParameters(new SplittableRandom(1));
 * }</pre>
 */
public final class ElmanCell extends AbstractSequenceGateCell<ElmanCell.StepCache> {

  /** Forward output (after the activation) and backward scratch of one step. */
  static final class StepCache extends AbstractGateCell.BatchCache {
    final Tensor h;
    final Tensor dPre;

    StepCache(ElmanCell cell, int batch) {
      super(batch);
      this.h = cell.hidden(batch);
      this.dPre = cell.hidden(batch);
    }
  }

  private final Activation activation;

  /**
   * @param shape sizes and dtype
   * @param activation {@link Activation#TANH} or {@link Activation#RELU}
   */
  public ElmanCell(CellShape shape, Activation activation) {
    super(shape, 1, StepCache.class);
    if (activation != Activation.TANH && activation != Activation.RELU) {
      throw new IllegalArgumentException(
          "An Elman cell uses TANH or RELU (as torch.nn.RNN), got " + activation + ".");
    }
    this.activation = activation;
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
  void step(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, StepCache c) {
    params.projectInput(ops, x, c.h);
    params.projectHidden(ops, prev[0], 1, c.h);
    ops.activate(activation, c.h, c.h);
    next[0].copyFrom(c.h);
  }

  @Override
  void stepBackward(KernelOps ops, Tensor x, Tensor[] prev, StepCache c, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev) {
    ops.activateBackward(activation, c.h, dNext[0], c.dPre);
    params.backInput(ops, c.dPre, x, dx);
    params.backHidden(ops, c.dPre, prev[0], 0, dPrev[0]);
  }

  @Override
  public GateSequenceCache newSequenceCache(int steps, int batch) {
    return new GateSequenceCache(shape.dtype(), steps, batch, shape.hiddenSize(), false, 0);
  }

  @Override
  void sequenceStep(KernelOps ops, int s, Tensor[] prev, Tensor[] next, GateSequenceCache c) {
    Tensor h = c.gateSteps[s];
    params.projectHiddenSequence(ops, prev[0], 1, h);
    ops.activate(activation, h, h);
    next[0].copyFrom(h);
  }

  @Override
  boolean foldsHiddenBias() {
    return true;
  }

  @Override
  void sequenceStepBackward(KernelOps ops, int s, Tensor[] prev, Tensor[] next, Tensor[] dNext,
      Tensor[] dPrev, GateSequenceCache c) {
    ops.activateBackward(activation, c.gateSteps[s], dNext[0], c.dInputSteps[s]);
    params.backHiddenState(ops, c.dInputSteps[s], 0, dPrev[0]);
  }

  @Override
  public String toString() {
    return "ElmanCell(" + shape.inputSize() + ", " + shape.hiddenSize() + ", "
        + activation.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  /**
   * @param activation {@link Activation#TANH} or {@link Activation#RELU}
   * @return a factory of Elman cells with that activation; the cell has no options
   */
  public static CellFactory<NoConfig> factory(Activation activation) {
    return CellFactory.of(NoConfig.class, new NoConfig(),
        "Elman RNN, h' = " + activation.name().toLowerCase(java.util.Locale.ROOT)
            + "(W_ih x + b_ih + W_hh h + b_hh) (torch.nn.RNN)",
        (config, shape) -> new ElmanCell(shape, activation));
  }
}
