package org.rnnlab.testkit;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * Shows only the {@link Cell} step contract of another cell, hiding any
 * {@link org.rnnlab.api.cell.SequenceCell} fast path, so the recurrent layer takes its generic
 * path. Parameters are the wrapped cell's own objects.
 */
final class StepContractOnly implements Cell {
  private final Cell inner;

  StepContractOnly(Cell inner) {
    this.inner = inner;
  }

  /** @return a factory producing wrapped cells of {@code factory} */
  static <C extends PluginConfig> CellFactory<C> factory(CellFactory<C> factory) {
    return new CellFactory<>() {
      @Override
      public Class<C> configType() {
        return factory.configType();
      }

      @Override
      public C defaults() {
        return factory.defaults();
      }

      @Override
      public String description() {
        return factory.description() + " (step contract only)";
      }

      @Override
      public Cell create(C config, CellShape shape) {
        return new StepContractOnly(factory.create(config, shape));
      }
    };
  }

  @Override
  public CellShape shape() {
    return inner.shape();
  }

  @Override
  public int stateCount() {
    return inner.stateCount();
  }

  @Override
  public List<Parameter> parameters() {
    return inner.parameters();
  }

  @Override
  public void resetParameters(SplittableRandom rng) {
    inner.resetParameters(rng);
  }

  @Override
  public Cache newCache(int batch) {
    return inner.newCache(batch);
  }

  @Override
  public void forward(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, Cache cache) {
    inner.forward(ops, x, prev, next, cache);
  }

  @Override
  public void backward(KernelOps ops, Tensor x, Tensor[] prev, Cache cache, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev) {
    inner.backward(ops, x, prev, cache, dNext, dx, dPrev);
  }

  @Override
  public String toString() {
    return inner + " (step contract only)";
  }
}
