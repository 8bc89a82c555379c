package org.rnnlab.testkit.parity;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.optim.TorchOptimizerNames;
import org.rnnlab.testkit.TensorComparison;

/**
 * Replays a {@code kind = "optimizer"} fixture (see the parity README): the optimizer named by the
 * torch class and {@code hyper} attributes is fed {@code grads[s]} step by step from
 * {@code param0}, in FLOAT64, and the trajectory is compared with {@code expected [S, N]}.
 * Tolerance: {@code |a - e| <= 1e-10 + 1e-9 |e|} (the float64 update equations agree with
 * torch.optim to a few ulp).
 */
public final class OptimizerParity {
  /** Absolute tolerance. */
  public static final double ATOL = 1e-10;
  /** Relative tolerance. */
  public static final double RTOL = 1e-9;

  private OptimizerParity() {}

  /**
   * @param fixture fixture name
   * @param optimizer torch class name with the rnnlab type key it maps to
   * @param comparisons the trajectory and the final parameter
   */
  public record Result(String fixture, String optimizer, List<TensorComparison> comparisons) {
    /** @return true when every comparison passes */
    public boolean passes() {
      return comparisons.stream().allMatch(TensorComparison::passes);
    }
  }

  /**
   * @param file the fixture
   * @param registry plugins (the optimizer family is used)
   * @return the comparison
   * @throws IllegalArgumentException when the file is not a well-formed optimizer fixture
   */
  public static Result run(Path file, PluginRegistry registry) {
    String name = file.getFileName().toString().replaceFirst("\\.h5$", "");
    try (HdfFile hdf = new HdfFile(file)) {
      String torchClass = ParityFixture.stringAttribute(hdf, "optimizer");
      Node hyperNode = hdf.getChild("hyper");
      if (hyperNode == null) {
        throw new IllegalArgumentException("optimizer fixture lacks group 'hyper'");
      }
      Map<String, Object> hyper = new LinkedHashMap<>();
      for (Map.Entry<String, Attribute> e : hyperNode.getAttributes().entrySet()) {
        Object v = e.getValue().getData();
        hyper.put(e.getKey(), v.getClass().isArray() && Array.getLength(v) == 1 ? Array.get(v, 0) : v);
      }
      TorchOptimizerNames.Mapping m = TorchOptimizerNames.configFor(torchClass, hyper);
      Optimizer opt = registry.get(PluginFamily.OPTIMIZER, m.typeKey()).createFrom(m.config());
      Tensor param0 = ParityFixture.dataset(hdf, "param0");
      Tensor grads = ParityFixture.dataset(hdf, "grads");
      Tensor expected = ParityFixture.dataset(hdf, "expected");
      int n = param0.size();
      Tensor.requireShape("grads", grads, grads.dim(0), n);
      Tensor.requireShape("expected", expected, grads.shape());
      int steps = grads.dim(0);
      Parameter p = Parameter.of("param", param0.to(DType.FLOAT64));
      opt.init(List.of(p));
      Tensor actual = Tensor.zeros(DType.FLOAT64, steps, n);
      for (int s = 0; s < steps; s++) {
        p.grad().copyFrom(grads.slice(s));
        opt.step();
        actual.slice(s).copyFrom(p.value());
      }
      return new Result(name, torchClass + " -> " + m.typeKey(), List.of(
          TensorComparison.of("trajectory", actual, expected, ATOL, RTOL),
          TensorComparison.of("final", actual.slice(steps - 1), expected.slice(steps - 1), ATOL, RTOL)));
    }
  }
}
