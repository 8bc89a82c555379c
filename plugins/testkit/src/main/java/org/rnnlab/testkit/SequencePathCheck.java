package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.cell.SequenceCell;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.core.layer.Truncation;

/**
 * Checks that a {@link SequenceCell}'s fast path computes what its step contract computes: two
 * FLOAT64 stacks with the same parameters, one driving the cell through the fast path and one
 * through {@link org.rnnlab.api.cell.Cell#forward}/{@code backward} only, must agree on outputs,
 * final states and all gradients to {@code 1e-10} (only the summation order differs). Runs a
 * bidirectional case with uneven lengths and a TBPTT(2, 3) case.
 */
public final class SequencePathCheck {
  private static final double TOL = 1e-10;

  private SequencePathCheck() {}

  /**
   * @param factory the cell type
   * @param config its options
   * @return true when the factory's cells implement {@link SequenceCell}
   */
  public static boolean hasFastPath(CellFactory<?> factory, PluginConfig config) {
    return factory.createFrom(config, new CellShape(1, 1, DType.FLOAT64)) instanceof SequenceCell;
  }

  /**
   * @param factory the cell type; its cells must implement {@link SequenceCell}
   * @param config its options
   * @return per-tensor comparison of the fast path (actual) against the step path (reference)
   */
  public static <C extends PluginConfig> GradientCheckResult check(CellFactory<C> factory,
      PluginConfig config) {
    if (!hasFastPath(factory, config)) {
      throw new IllegalArgumentException(factory.description() + " has no SequenceCell fast path");
    }
    List<TensorComparison> out = new ArrayList<>();
    compare(factory, config, new RecurrentSpec(3, 4, 2, true, 0), new int[] {5, 2, 4}, null, "bidir", out);
    compare(factory, config, new RecurrentSpec(3, 4, 2, false, 0), new int[] {6, 2, 5},
        new Truncation(2, 3), "TBPTT(2, 3)", out);
    return new GradientCheckResult("fast path of " + factory.description(), out);
  }

  private static <C extends PluginConfig> void compare(CellFactory<C> factory, PluginConfig config,
      RecurrentSpec spec, int[] lengths, Truncation truncation, String tag, List<TensorComparison> out) {
    KernelOps ops = KernelOpsProvider.scalar();
    RecurrentStack fast = new RecurrentStack(factory, config, spec, DType.FLOAT64);
    RecurrentStack step = new RecurrentStack(StepContractOnly.factory(factory), config, spec, DType.FLOAT64);
    SplittableRandom rng = new SplittableRandom(21);
    fast.resetParameters(rng.split());
    for (int i = 0; i < fast.parameters().size(); i++) {
      step.parameters().get(i).value().copyFrom(fast.parameters().get(i).value());
    }
    int steps = java.util.Arrays.stream(lengths).max().orElseThrow();
    int rows = spec.numLayers() * spec.directions();
    Tensor x = RandomTensors.uniform(rng, DType.FLOAT64, 1, lengths.length, steps, spec.inputSize());
    Tensor[] init = RandomTensors.uniformSet(rng, fast.stateCount(), 0.8, rows, lengths.length, spec.hiddenSize());
    Tensor dy = RandomTensors.uniform(rng, DType.FLOAT64, 1, lengths.length, steps,
        spec.directions() * spec.hiddenSize());
    Tensor[] dFinal = RandomTensors.uniformSet(rng, fast.stateCount(), 1, rows, lengths.length, spec.hiddenSize());

    RecurrentStack.Output of = fast.forward(ops, x, lengths, init, null);
    RecurrentStack.Output os = step.forward(ops, x, lengths, init, null);
    RecurrentStack.Gradients gf = fast.backward(ops, dy, dFinal, truncation);
    RecurrentStack.Gradients gs = step.backward(ops, dy, dFinal, truncation);
    out.add(TensorComparison.of(tag + " y", of.y(), os.y(), TOL, TOL));
    out.add(TensorComparison.of(tag + " dx", gf.dx(), gs.dx(), TOL, TOL));
    for (int k = 0; k < fast.stateCount(); k++) {
      out.add(TensorComparison.of(tag + " finalStates[" + k + "]", of.finalStates()[k],
          os.finalStates()[k], TOL, TOL));
      out.add(TensorComparison.of(tag + " dInitialStates[" + k + "]", gf.dInitialStates()[k],
          gs.dInitialStates()[k], TOL, TOL));
    }
    for (int i = 0; i < fast.parameters().size(); i++) {
      Parameter p = fast.parameters().get(i);
      out.add(TensorComparison.of(tag + " " + p.name(), p.grad(), step.parameters().get(i).grad(), TOL, TOL));
    }
  }
}
