package org.rnnlab.plugins.cell;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * What the built-in cells share: PyTorch's four parameters ({@link GateParameters}), uniform
 * initialisation and argument checking. Subclasses implement the math in {@link #step} and
 * {@link #stepBackward}, which run after every tensor's shape has been checked.
 *
 * @param <K> the subclass's cache type
 */
abstract class AbstractGateCell<K extends AbstractGateCell.BatchCache> implements Cell {

  /** A cache that knows the batch size it was allocated for. */
  abstract static class BatchCache implements Cell.Cache {
    final int batch;

    BatchCache(int batch) {
      if (batch <= 0) {
        throw new IllegalArgumentException("A cell cache needs batch > 0, got " + batch + ".");
      }
      this.batch = batch;
    }
  }

  final CellShape shape;
  final GateParameters params;
  private final Class<K> cacheType;

  AbstractGateCell(CellShape shape, int gates, Class<K> cacheType) {
    this.shape = shape;
    this.params = new GateParameters(shape, gates);
    this.cacheType = cacheType;
  }

  @Override
  public final CellShape shape() {
    return shape;
  }

  @Override
  public final List<Parameter> parameters() {
    return params.list();
  }

  @Override
  public void resetParameters(SplittableRandom rng) {
    params.resetUniform(rng);
  }

  @Override
  public abstract K newCache(int batch);

  @Override
  public final void forward(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, Cache cache) {
    K k = typed(cache);
    StepShapes.checkInput(shape, k.batch, x, "x");
    StepShapes.checkStates(shape, stateCount(), k.batch, prev, "prev");
    StepShapes.checkStates(shape, stateCount(), k.batch, next, "next");
    step(ops, x, prev, next, k);
  }

  @Override
  public final void backward(KernelOps ops, Tensor x, Tensor[] prev, Cache cache, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev) {
    K k = typed(cache);
    StepShapes.checkInput(shape, k.batch, x, "x");
    StepShapes.checkInput(shape, k.batch, dx, "dx");
    StepShapes.checkStates(shape, stateCount(), k.batch, prev, "prev");
    StepShapes.checkStates(shape, stateCount(), k.batch, dNext, "dNext");
    StepShapes.checkStates(shape, stateCount(), k.batch, dPrev, "dPrev");
    stepBackward(ops, x, prev, k, dNext, dx, dPrev);
  }

  /** Forward math; arguments already checked. Must leave in {@code cache} all backward needs. */
  abstract void step(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, K cache);

  /**
   * Backward math; arguments already checked. <b>Must not modify the forward values in the
   * cache</b>: truncated BPTT with overlapping windows calls it more than once per step.
   */
  abstract void stepBackward(KernelOps ops, Tensor x, Tensor[] prev, K cache, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev);

  /** @return {@code cache} as this cell's cache type, or an exception naming the wrong type */
  final K typed(Cache cache) {
    if (!cacheType.isInstance(cache)) {
      throw new IllegalArgumentException(
          "cache: expected a " + cacheType.getSimpleName() + " from this cell's newCache, got "
              + (cache == null ? "null" : cache.getClass().getName()));
    }
    return cacheType.cast(cache);
  }

  /** @return {@code [B, H]} zeros of this cell's dtype */
  final Tensor hidden(int batch) {
    return Tensor.zeros(shape.dtype(), batch, shape.hiddenSize());
  }

  /** @return {@code [B, G*H]} zeros of this cell's dtype */
  final Tensor gates(int batch, int gates) {
    return Tensor.zeros(shape.dtype(), batch, gates * shape.hiddenSize());
  }
}
