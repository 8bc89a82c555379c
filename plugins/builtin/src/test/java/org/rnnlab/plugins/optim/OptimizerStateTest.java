package org.rnnlab.plugins.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/** Lifecycle guarantees of the built-in optimizers: state round trip, copy, reset, learning rate. */
class OptimizerStateTest {

  static Stream<Optimizer> optimizers() {
    return Stream.of(
        new Sgd(new SgdConfig(0.1, 0.9, 0, true, 0.01)),
        new Adam(new AdamConfig(0.01, 0.9, 0.999, 1e-8, 0.01, true)),
        new AdamW(AdamWConfig.defaults()),
        new RmsProp(new RmsPropConfig(0.01, 0.9, 1e-8, 0, 0.5, true)),
        new Adagrad(new AdagradConfig(0.1, 0.01, 0, 0.1, 1e-10)));
  }

  /** Two parameters of different shapes, named as PyTorch names them. */
  private static List<Parameter> parameters(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return List.of(
        Parameter.of("weight_hh_l0", Tensor.of(DType.FLOAT64, rng.doubles(6, -1, 1).toArray(), 2, 3)),
        Parameter.of("bias_hh_l0", Tensor.of(DType.FLOAT64, rng.doubles(2, -1, 1).toArray(), 2)));
  }

  /** Feeds {@code steps} gradients from a fixed stream; returns the stream for more steps. */
  private static void run(Optimizer opt, List<Parameter> params, SplittableRandom grads, int steps) {
    for (int s = 0; s < steps; s++) {
      for (Parameter p : params) {
        for (int i = 0; i < p.grad().size(); i++) {
          p.grad().set(i, grads.nextDouble(-1, 1));
        }
      }
      opt.step();
    }
  }

  private static double[] flat(List<Parameter> params) {
    return params.stream().flatMapToDouble(p -> java.util.Arrays.stream(p.value().toDoubleArray())).toArray();
  }

  private static Map<String, Tensor> deepCopy(Map<String, Tensor> state) {
    Map<String, Tensor> out = new HashMap<>();
    state.forEach((k, v) -> out.put(k, v.copy()));
    return out;
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void resumeFromSavedStateReproducesUninterruptedRun(Optimizer straight) {
    List<Parameter> a = parameters(1);
    straight.init(a);
    run(straight, a, new SplittableRandom(7), 6);

    List<Parameter> b = parameters(1);
    Optimizer first = straight.copy();
    first.init(b);
    SplittableRandom grads = new SplittableRandom(7);
    run(first, b, grads, 3);
    Map<String, Tensor> saved = deepCopy(first.state());
    Optimizer resumed = straight.copy();
    resumed.init(b);
    resumed.loadState(saved);
    assertEquals(3, resumed.stepCount());
    run(resumed, b, grads, 3);

    assertArrayEquals(flat(a), flat(b), 0.0);
    assertEquals(6, resumed.stepCount());
  }

  static Stream<Arguments> stateNames() {
    return Stream.of(
        Arguments.of(new Sgd(new SgdConfig(0.1, 0.9, 0, false, 0)), List.of("momentum_buffer")),
        Arguments.of(new Adam(AdamConfig.defaults()), List.of("exp_avg", "exp_avg_sq")),
        Arguments.of(new AdamW(new AdamWConfig(1e-3, 0.9, 0.999, 1e-8, 0.01, true)),
            List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")),
        Arguments.of(new RmsProp(RmsPropConfig.defaults()), List.of("square_avg")),
        Arguments.of(new RmsProp(new RmsPropConfig(0.01, 0.99, 1e-8, 0, 0.9, true)),
            List.of("square_avg", "momentum_buffer", "grad_avg")),
        Arguments.of(new Adagrad(AdagradConfig.defaults()), List.of("sum")));
  }

  @ParameterizedTest
  @MethodSource("stateNames")
  void stateKeysAreTorchStateNamePerParameterPlusStep(Optimizer opt, List<String> names) {
    opt.init(parameters(1));
    Set<String> expected = new TreeSet<>(Set.of("step"));
    for (String name : names) {
      expected.add(name + "/weight_hh_l0");
      expected.add(name + "/bias_hh_l0");
    }
    assertEquals(expected, new TreeSet<>(opt.state().keySet()));
    assertArrayEquals(new int[] {2, 3}, opt.state().get(names.get(0) + "/weight_hh_l0").shape());
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void resetAndCopyBehaveLikeAFreshOptimizer(Optimizer opt) {
    List<Parameter> a = parameters(2);
    opt.init(a);
    run(opt, a, new SplittableRandom(3), 4);
    Optimizer copy = opt.copy();
    opt.reset();
    assertEquals(0, opt.stepCount());

    List<Parameter> b = parameters(2);
    List<Parameter> c = parameters(2);
    opt.init(b);
    copy.init(c);
    run(opt, b, new SplittableRandom(5), 3);
    run(copy, c, new SplittableRandom(5), 3);
    assertArrayEquals(flat(b), flat(c), 0.0);
    assertEquals(3, copy.stepCount());
  }

  @Test
  void resetRestoresAdagradInitialAccumulator() {
    Adagrad opt = new Adagrad(new AdagradConfig(0.1, 0, 0, 0.25, 1e-10));
    List<Parameter> p = parameters(1);
    opt.init(p);
    run(opt, p, new SplittableRandom(1), 2);
    opt.reset();
    assertEquals(0.25, opt.state().get("sum/weight_hh_l0").get(4), 0.0);
  }

  @Test
  void loadStateRejectsMissingKeyAndWrongShapeNamingThem() {
    Adam opt = new Adam(AdamConfig.defaults());
    opt.init(parameters(1));
    Map<String, Tensor> state = deepCopy(opt.state());
    state.remove("exp_avg_sq/bias_hh_l0");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> opt.loadState(state));
    assertTrue(missing.getMessage().contains("exp_avg_sq/bias_hh_l0"), missing.getMessage());

    Map<String, Tensor> wrong = deepCopy(opt.state());
    wrong.put("exp_avg/weight_hh_l0", Tensor.zeros(DType.FLOAT64, 3, 2));
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> opt.loadState(wrong));
    assertTrue(shape.getMessage().contains("exp_avg/weight_hh_l0")
        && shape.getMessage().contains("[2, 3]") && shape.getMessage().contains("[3, 2]"), shape.getMessage());

    Map<String, Tensor> extra = deepCopy(opt.state());
    extra.put("max_exp_avg_sq/weight_hh_l0", Tensor.zeros(DType.FLOAT64, 2, 3));
    IllegalArgumentException unexpected = assertThrows(IllegalArgumentException.class, () -> opt.loadState(extra));
    assertTrue(unexpected.getMessage().contains("max_exp_avg_sq/weight_hh_l0"), unexpected.getMessage());
  }

  @Test
  void learningRateChangeScalesTheNextSgdStep() {
    Sgd opt = new Sgd(new SgdConfig(0.1, 0, 0, false, 0));
    Parameter p = Parameter.of("w", Tensor.of(DType.FLOAT64, new double[] {1.0}, 1));
    opt.init(List.of(p));
    p.grad().set(0, 2.0);
    opt.step();
    assertEquals(0.8, p.value().get(0), 1e-15);
    opt.setLearningRate(0.01);
    assertEquals(0.01, opt.learningRate());
    opt.step();
    assertEquals(0.78, p.value().get(0), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(-1));
  }

  @Test
  void sgdWithoutMomentumHasOnlyAStepCounter() {
    Sgd opt = new Sgd(SgdConfig.defaults());
    opt.init(parameters(1));
    assertEquals(List.of("step"), List.copyOf(opt.state().keySet()));
    assertFalse(opt.state().isEmpty());
  }

  @Test
  void configsRejectTorchInvalidArguments() {
    IllegalArgumentException nesterov = assertThrows(IllegalArgumentException.class,
        () -> new SgdConfig(0.1, 0.9, 0.1, true, 0));
    assertTrue(nesterov.getMessage().contains("dampening"), nesterov.getMessage());
    IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
        () -> new AdamConfig(1e-3, 1.0, 0.999, 1e-8, 0, false));
    assertTrue(beta.getMessage().startsWith("beta1"), beta.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RmsPropConfig(-0.1, 0.99, 1e-8, 0, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new AdagradConfig(0.1, -1, 0, 0, 1e-10));
  }

  @Test
  void stepBeforeInitFailsClearly() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Adam(AdamConfig.defaults()).step());
    assertTrue(e.getMessage().contains("before init"), e.getMessage());
  }
}
