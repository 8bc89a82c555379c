package org.rnnlab.plugins.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.plugins.ParityFixture;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;

/**
 * Replays torch.optim trajectories (parity/optim_*.h5, made by make_optimizer_fixtures.py and
 * the shared fixtures) through the optimizer the registry builds from the fixture's torch class
 * and hyper-parameters.
 */
class OptimizerParityTest {
  private static PluginRegistry registry;

  @BeforeAll
  static void loadRegistry() {
    registry = Plugins.load();
  }

  /** The replayed trajectory and the torch one. */
  record Trajectory(double[][] actual, double[][] expected) {
    double maxAbsError() {
      double max = 0;
      for (int s = 0; s < actual.length; s++) {
        for (int i = 0; i < actual[s].length; i++) {
          max = Math.max(max, Math.abs(actual[s][i] - expected[s][i]));
        }
      }
      return max;
    }

    /** @return max |a - e| / max(|e|, 1e-3): relative where values are not tiny */
    double maxRelError() {
      double max = 0;
      for (int s = 0; s < actual.length; s++) {
        for (int i = 0; i < actual[s].length; i++) {
          double e = expected[s][i];
          max = Math.max(max, Math.abs(actual[s][i] - e) / Math.max(Math.abs(e), 1e-3));
        }
      }
      return max;
    }
  }

  static Trajectory replay(String file, DType dtype) {
    try (ParityFixture f = ParityFixture.open(file)) {
      TorchOptimizerNames.Mapping m = TorchOptimizerNames.configFor(
          ParityFixture.stringAttribute(f.root(), "optimizer"),
          ParityFixture.attributes(f.root().getChild("hyper")));
      Optimizer opt = registry.get(PluginFamily.OPTIMIZER, m.typeKey()).createFrom(m.config());
      double[] param0 = ParityFixture.doubles(f.root(), "param0");
      int n = param0.length;
      int steps = ParityFixture.dims(f.root(), "grads")[0];
      double[] grads = ParityFixture.doubles(f.root(), "grads");
      double[] expected = ParityFixture.doubles(f.root(), "expected");
      Parameter p = Parameter.of("weight", Tensor.of(dtype, param0, n));
      opt.init(List.of(p));
      double[][] actual = new double[steps][];
      double[][] want = new double[steps][];
      for (int s = 0; s < steps; s++) {
        for (int i = 0; i < n; i++) {
          p.grad().set(i, grads[s * n + i]);
        }
        opt.step();
        actual[s] = p.value().toDoubleArray();
        want[s] = java.util.Arrays.copyOfRange(expected, s * n, (s + 1) * n);
      }
      assertEquals(steps, opt.stepCount(), "step count");
      return new Trajectory(actual, want);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "optim_sgd_momentum.h5", "optim_adam.h5", "optim_sgd_nesterov_wd.h5", "optim_sgd_dampening_wd.h5",
      "optim_adam_amsgrad_wd.h5", "optim_adamw.h5", "optim_rmsprop_centered_momentum.h5",
      "optim_rmsprop.h5", "optim_adagrad_lr_decay.h5"})
  void float64TrajectoryMatchesTorchOptim(String file) {
    Trajectory t = replay(file, DType.FLOAT64);
    // printed for the parity table of the report (surefire keeps it in *-output.txt)
    System.out.printf("PARITY %s maxAbs=%.3e maxRel=%.3e%n", file, t.maxAbsError(), t.maxRelError());
    assertTrue(t.maxRelError() <= 1e-12,
        file + ": max relative error " + t.maxRelError() + " (abs " + t.maxAbsError() + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"optim_adam.h5", "optim_rmsprop_centered_momentum.h5", "optim_sgd_nesterov_wd.h5"})
  void float32TrajectoryMatchesTorchOptimToSinglePrecision(String file) {
    Trajectory t = replay(file, DType.FLOAT32);
    assertTrue(t.maxRelError() <= 1e-5,
        file + ": max relative error " + t.maxRelError() + " (abs " + t.maxAbsError() + ")");
  }
}
