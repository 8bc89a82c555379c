package org.rnnlab.plugins.core.layer;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * Test-only third-party-style cell without parameters: {@code h' = h + x} (needs {@code I = H}),
 * so the stack's outputs are running sums that a test can write down by hand.
 */
final class SumCell implements Cell {
  private final CellShape shape;

  SumCell(CellShape shape) {
    this.shape = shape;
  }

  @Override
  public CellShape shape() {
    return shape;
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public void resetParameters(SplittableRandom rng) {}

  @Override
  public Cache newCache(int batch) {
    return new Cache() {};
  }

  @Override
  public void forward(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, Cache cache) {
    next[0].copyFrom(prev[0]);
    ops.axpy(1, x, next[0]);
  }

  @Override
  public void backward(KernelOps ops, Tensor x, Tensor[] prev, Cache cache, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev) {
    dx.copyFrom(dNext[0]);
    dPrev[0].copyFrom(dNext[0]);
  }

  /** Factory. */
  static final CellFactory<NoConfig> FACTORY = CellFactory.of(
      NoConfig.class, new NoConfig(), "h' = h + x (test)", (config, shape) -> new SumCell(shape));
}
