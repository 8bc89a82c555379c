package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.cell.GruCell;
import org.rnnlab.plugins.cell.GruConfig;
import org.rnnlab.plugins.cell.LstmCell;
import org.rnnlab.plugins.cell.LstmConfig;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.core.layer.Truncation;

/** {@link RecurrentStack#setInputGradient}: skipping dx changes nothing else. */
class InputGradientSwitchTest {
  private static final KernelOps OPS = KernelOpsProvider.scalar();

  static Stream<Arguments> cells() {
    return Stream.of(
        Arguments.of("lstm fast path", LstmCell.FACTORY, LstmConfig.defaults()),
        Arguments.of("gru fast path", GruCell.FACTORY, GruConfig.defaults()),
        Arguments.of("lstm step contract", StepContractOnly.factory(LstmCell.FACTORY),
            LstmConfig.defaults()));
  }

  private record Run(double[][] grads, double[] dx, double[] dh0) {}

  private static Run run(CellFactory<?> factory, PluginConfig config, boolean inputGradient,
      Truncation truncation, boolean bidirectional) {
    return run(newStack(factory, config, bidirectional, inputGradient), truncation);
  }

  private static RecurrentStack newStack(CellFactory<?> factory, PluginConfig config,
      boolean bidirectional, boolean inputGradient) {
    RecurrentStack s = new RecurrentStack(factory, config,
        new RecurrentSpec(3, 4, 2, bidirectional, 0), DType.FLOAT64);
    s.resetParameters(new SplittableRandom(1));
    s.setInputGradient(inputGradient);
    return s;
  }

  private static Run run(RecurrentStack s, Truncation truncation) {
    Tensor x = RandomTensors.uniform(new SplittableRandom(2), DType.FLOAT64, 1, 3, 6, 3);
    int[] lengths = {6, 2, 5};
    RecurrentStack.Output out = s.forward(OPS, x, lengths, null, null);
    Tensor dy = RandomTensors.uniform(new SplittableRandom(4), DType.FLOAT64, 1, out.y().shape());
    RecurrentStack.Gradients g = s.backward(OPS, dy, null, truncation);
    double[][] grads = s.parameters().stream().map(p -> p.grad().toDoubleArray()).toArray(double[][]::new);
    return new Run(grads, g.dx() == null ? null : g.dx().toDoubleArray(),
        g.dInitialStates()[0].toDoubleArray());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void skippingTheInputGradientLeavesParameterAndStateGradientsUnchanged(String name,
      CellFactory<?> factory, PluginConfig config) {
    for (boolean bidirectional : new boolean[] {false, true}) {
      Truncation tr = bidirectional ? null : new Truncation(2, 3);
      Run with = run(factory, config, true, tr, bidirectional);
      Run without = run(factory, config, false, tr, bidirectional);
      assertEquals(with.grads().length, without.grads().length);
      for (int i = 0; i < with.grads().length; i++) {
        assertArrayEquals(with.grads()[i], without.grads()[i], 0, name + " parameter " + i);
      }
      assertArrayEquals(with.dh0(), without.dh0(), 0, name + " dh0");
      assertNull(without.dx(), name + " dx must be null without input gradients");
      assertNotNull(with.dx(), name + " dx");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void switchingTheInputGradientOnLaterGivesTheSameDx(String name, CellFactory<?> factory,
      PluginConfig config) {
    for (boolean bidirectional : new boolean[] {false, true}) {
      Truncation tr = bidirectional ? null : new Truncation(2, 3);
      Run always = run(factory, config, true, tr, bidirectional);
      RecurrentStack s = newStack(factory, config, bidirectional, false);
      // buffers are bound without an input gradient first, then it is switched on
      assertNull(run(s, tr).dx(), name);
      s.zeroGrad();
      s.setInputGradient(true);
      Run later = run(s, tr);
      assertArrayEquals(always.dx(), later.dx(), 0, name + " dx");
      for (int i = 0; i < always.grads().length; i++) {
        assertArrayEquals(always.grads()[i], later.grads()[i], 0, name + " parameter " + i);
      }
    }
  }
}
