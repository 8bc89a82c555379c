package org.rnnlab.testkit.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnnlab.testkit.TensorComparison;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;

/**
 * Runs a {@link RecurrentStack} in {@link DType#FLOAT32} on a {@link ParityFixture} and compares
 * outputs, final states and every gradient with PyTorch's float64 reference.
 *
 * <p>Tolerance: {@code |a - e| <= atol + rtol * |e|} elementwise (see {@link TensorComparison})
 * with {@code atol = ATOL * sqrt(T)} and {@code rtol = RTOL * sqrt(T)}: float32 rounding errors
 * of the recurrence add up roughly like a random walk over the {@code T} steps.
 */
public final class RecurrentParity {
  /** Absolute tolerance per {@code sqrt(T)}. */
  public static final double ATOL = 1e-6;
  /** Relative tolerance per {@code sqrt(T)}. */
  public static final double RTOL = 1e-5;

  private RecurrentParity() {}

  /**
   * Every compared tensor of one fixture.
   *
   * @param fixture fixture name
   * @param comparisons outputs ({@code y}, {@code hn}, {@code cn}) then gradients ({@code grad/...})
   */
  public record Result(String fixture, List<TensorComparison> comparisons) {
    /** @return true when every tensor is within tolerance */
    public boolean passes() {
      return comparisons.stream().allMatch(TensorComparison::passes);
    }

    /** @return the comparison with the largest error relative to its allowed error */
    public TensorComparison worst() {
      return comparisons.stream()
          .max((a, b) -> Double.compare(a.worstRatio(), b.worstRatio())).orElseThrow();
    }

    /** @return the largest absolute error over all tensors */
    public double maxAbs() {
      return comparisons.stream().mapToDouble(TensorComparison::maxAbs).max().orElse(0);
    }

    /** @return the largest relative error over all tensors */
    public double maxRel() {
      return comparisons.stream().mapToDouble(TensorComparison::maxRel).max().orElse(0);
    }
  }

  /**
   * Looks up the fixture's cell type in the registry and runs it with its default config.
   *
   * @param fixture the reference
   * @param registry registered plugins
   * @param ops kernels
   * @return per-tensor errors
   */
  public static Result run(ParityFixture fixture, PluginRegistry registry, KernelOps ops) {
    CellFactory<?> factory = registry.get(PluginFamily.CELL, fixture.cell());
    return run(fixture, factory, ops);
  }

  /**
   * @param fixture the reference
   * @param factory the cell type to test, used with its {@code defaults()}
   * @param ops kernels
   * @return per-tensor errors
   */
  public static Result run(ParityFixture fixture, CellFactory<?> factory, KernelOps ops) {
    RecurrentSpec spec = new RecurrentSpec(fixture.inputSize(), fixture.hiddenSize(),
        fixture.numLayers(), fixture.bidirectional(), 0);
    RecurrentStack stack = new RecurrentStack(factory, factory.defaults(), spec, DType.FLOAT32);
    loadParameters(fixture, stack);
    RecurrentStack.Output out = stack.forward(ops, f32(fixture.x()), fixture.lengths(),
        f32(fixture.initialStates()), null);
    RecurrentStack.Gradients g = stack.backward(ops, f32(fixture.dy()),
        f32(fixture.dFinalStates()), null);

    double scale = Math.sqrt(fixture.steps());
    double atol = ATOL * scale;
    double rtol = RTOL * scale;
    List<TensorComparison> cmp = new ArrayList<>();
    String[] stateNames = {"h", "c"};
    cmp.add(TensorComparison.of("y", out.y(), fixture.expectedY(), atol, rtol));
    for (int k = 0; k < out.finalStates().length; k++) {
      cmp.add(TensorComparison.of(stateNames[k] + "n", out.finalStates()[k],
          fixture.expectedFinalStates()[k], atol, rtol));
    }
    Map<String, Tensor> grads = fixture.grads();
    cmp.add(TensorComparison.of("grad/x", g.dx(), require(grads, "x"), atol, rtol));
    for (int k = 0; k < g.dInitialStates().length; k++) {
      String name = stateNames[k] + "0";
      cmp.add(TensorComparison.of("grad/" + name, g.dInitialStates()[k], require(grads, name),
          atol, rtol));
    }
    for (Parameter p : stack.parameters()) {
      cmp.add(TensorComparison.of("grad/" + p.name(), p.grad(), require(grads, p.name()),
          atol, rtol));
    }
    return new Result(fixture.name(), List.copyOf(cmp));
  }

  private static void loadParameters(ParityFixture fixture, RecurrentStack stack) {
    if (fixture.params().size() != stack.parameters().size()) {
      throw new IllegalArgumentException(fixture.name() + ": fixture has parameters "
          + fixture.params().keySet() + " but the stack has " + stack.parameters().size());
    }
    for (Parameter p : stack.parameters()) {
      Tensor v = require(fixture.params(), p.name());
      Tensor.requireShape("params/" + p.name(), v, p.value().shape());
      p.value().copyFrom(v);
      p.zeroGrad();
    }
  }

  private static Tensor require(Map<String, Tensor> map, String name) {
    Tensor t = map.get(name);
    if (t == null) {
      throw new IllegalArgumentException("parity fixture lacks '" + name + "'; it has " + map.keySet());
    }
    return t;
  }

  private static Tensor f32(Tensor t) {
    return t.to(DType.FLOAT32);
  }

  private static Tensor[] f32(Tensor[] ts) {
    Tensor[] out = new Tensor[ts.length];
    for (int i = 0; i < ts.length; i++) {
      out[i] = f32(ts[i]);
    }
    return out;
  }
}
