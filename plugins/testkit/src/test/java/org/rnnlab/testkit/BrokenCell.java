package org.rnnlab.testkit;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.plugins.cell.ElmanCell;

/**
 * Test-only cell: a correct tanh Elman cell whose backward is deliberately wrong in one way, so
 * the tests can show that the gradient checks catch it.
 */
final class BrokenCell implements Cell {
  /** The defect. */
  enum Defect {
    /** The gradient w.r.t. the previous state is 1% too large. */
    STATE_GRADIENT_OFF_BY_ONE_PERCENT,
    /** Parameter gradients are overwritten instead of accumulated. */
    OVERWRITES_PARAMETER_GRADIENTS,
    /** The recurrent weight gradient is dropped entirely. */
    FORGETS_RECURRENT_WEIGHT_GRADIENT
  }

  private final ElmanCell delegate;
  private final Defect defect;

  BrokenCell(CellShape shape, Defect defect) {
    this.delegate = new ElmanCell(shape, Activation.TANH);
    this.defect = defect;
  }

  @Override
  public CellShape shape() {
    return delegate.shape();
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public List<Parameter> parameters() {
    return delegate.parameters();
  }

  @Override
  public void resetParameters(SplittableRandom rng) {
    delegate.resetParameters(rng);
  }

  @Override
  public Cache newCache(int batch) {
    return delegate.newCache(batch);
  }

  @Override
  public void forward(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, Cache cache) {
    delegate.forward(ops, x, prev, next, cache);
  }

  @Override
  public void backward(KernelOps ops, Tensor x, Tensor[] prev, Cache cache, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev) {
    if (defect == Defect.OVERWRITES_PARAMETER_GRADIENTS) {
      parameters().forEach(Parameter::zeroGrad);
    }
    Tensor whh = parameters().get(1).grad();
    Tensor before = whh.copy();
    delegate.backward(ops, x, prev, cache, dNext, dx, dPrev);
    if (defect == Defect.STATE_GRADIENT_OFF_BY_ONE_PERCENT) {
      ops.scale(1.01, dPrev[0]);
    } else if (defect == Defect.FORGETS_RECURRENT_WEIGHT_GRADIENT) {
      whh.copyFrom(before);
    }
  }

  /** Factory of one defect. */
  static CellFactory<NoConfig> factory(Defect defect) {
    return CellFactory.of(NoConfig.class, new NoConfig(), "deliberately broken tanh cell: " + defect,
        (config, shape) -> new BrokenCell(shape, defect));
  }
}
