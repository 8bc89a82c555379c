package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * Checks one step of any {@link Cell} against finite differences in double precision, for
 * plugin authors:
 *
 * <pre>{@code
 * CellGradientCheck.check(MyCell.FACTORY, MyConfig.defaults()).assertPasses();
 * }</pre>
 *
 * <p>The cell is built in {@link DType#FLOAT64} with {@code I = 3}, {@code H = 4}, {@code B = 3},
 * random non-zero inputs and states, and the loss {@code L = sum_k <w_k, next_k>} with random
 * {@code w}. Checked: the gradient of every parameter, of {@code x} and of every previous state.
 * The check also enforces the rest of the backward contract: parameter gradients are
 * <b>accumulated</b> (they start from random values), {@code dx} and {@code dPrev} are
 * <b>overwritten</b> (they start as garbage), and a second backward on the same cache gives the
 * same result (the cache's forward values survive backward, which truncated BPTT relies on).
 */
public final class CellGradientCheck {
  /** Absolute tolerance of {@code |analytic - numeric|}. */
  public static final double ATOL = 1e-6;
  /** Relative tolerance, times {@code |numeric|}. */
  public static final double RTOL = 1e-4;

  private static final int INPUT = 3;
  private static final int HIDDEN = 4;
  private static final int BATCH = 3;

  private CellGradientCheck() {}

  /**
   * @param factory the cell type
   * @param config its options
   * @return per-tensor comparison, seeded deterministically
   */
  public static GradientCheckResult check(CellFactory<?> factory, PluginConfig config) {
    return check(factory, config, new SplittableRandom(0x5EED_CE11L));
  }

  /**
   * @param factory the cell type
   * @param config its options
   * @param rng source of parameters, inputs and loss weights
   * @return per-tensor comparison
   */
  public static GradientCheckResult check(CellFactory<?> factory, PluginConfig config,
      SplittableRandom rng) {
    KernelOps ops = KernelOpsProvider.scalar();
    Cell cell = factory.createFrom(config, new CellShape(INPUT, HIDDEN, DType.FLOAT64));
    cell.resetParameters(rng.split());
    int states = cell.stateCount();
    Tensor x = RandomTensors.uniform(rng, DType.FLOAT64, 1, BATCH, INPUT);
    Tensor[] prev = RandomTensors.uniformSet(rng, states, 0.8, BATCH, HIDDEN);
    Tensor[] weights = RandomTensors.uniformSet(rng, states, 1, BATCH, HIDDEN);
    Tensor[] next = zeroStates(states);
    Cell.Cache cache = cell.newCache(BATCH);
    DoubleSupplier loss = () -> {
      cell.forward(ops, x, prev, next, cache);
      double l = 0;
      for (int k = 0; k < states; k++) {
        l += FiniteDifferences.dot(weights[k], next[k]);
      }
      return l;
    };

    List<Parameter> params = cell.parameters();
    List<Tensor> startGrads = new ArrayList<>();
    for (Parameter p : params) {
      Tensor g0 = RandomTensors.uniform(rng, DType.FLOAT64, 1, p.grad().shape());
      p.grad().copyFrom(g0);
      startGrads.add(g0);
    }
    loss.getAsDouble();
    Tensor dx = RandomTensors.uniform(rng, DType.FLOAT64, 1e3, BATCH, INPUT);
    Tensor[] dPrev = RandomTensors.uniformSet(rng, states, 1e3, BATCH, HIDDEN);
    cell.backward(ops, x, prev, cache, weights, dx, dPrev);
    List<Tensor> analytic = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Tensor g = params.get(i).grad().copy();
      ops.axpy(-1, startGrads.get(i), g);
      analytic.add(g);
    }
    Tensor dx2 = Tensor.zeros(DType.FLOAT64, BATCH, INPUT);
    Tensor[] dPrev2 = zeroStates(states);
    cell.backward(ops, x, prev, cache, weights, dx2, dPrev2);

    List<TensorComparison> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      out.add(TensorComparison.of(p.name(), analytic.get(i),
          FiniteDifferences.gradient(loss, p.value(), FiniteDifferences.EPS), ATOL, RTOL));
    }
    out.add(TensorComparison.of("x", dx, FiniteDifferences.gradient(loss, x, FiniteDifferences.EPS),
        ATOL, RTOL));
    for (int k = 0; k < states; k++) {
      out.add(TensorComparison.of("prev[" + k + "]", dPrev[k],
          FiniteDifferences.gradient(loss, prev[k], FiniteDifferences.EPS), ATOL, RTOL));
    }
    out.add(TensorComparison.of("x (second backward on the same cache)", dx2, dx, ATOL, RTOL));
    for (int k = 0; k < states; k++) {
      out.add(TensorComparison.of("prev[" + k + "] (second backward on the same cache)",
          dPrev2[k], dPrev[k], ATOL, RTOL));
    }
    return new GradientCheckResult("cell " + cell + " (one step)", out);
  }

  private static Tensor[] zeroStates(int count) {
    Tensor[] out = new Tensor[count];
    for (int k = 0; k < count; k++) {
      out[k] = Tensor.zeros(DType.FLOAT64, BATCH, HIDDEN);
    }
    return out;
  }
}
