package org.rnnlab.testkit.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;

/**
 * The built-in cells, driven by the shared recurrent stack in float32, reproduce PyTorch 1.13's
 * outputs, final states and gradients on every fixture in {@code src/test/resources/parity}
 * (criterion: {@link RecurrentParity}). The first five fixtures are the project's shared ones;
 * the others come from {@code src/test/python/make_recurrent_fixtures.py}.
 */
class RecurrentParityTest {
  private static PluginRegistry registry;

  @BeforeAll
  static void loadPlugins() {
    registry = Plugins.load();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rnn_tanh_1layer", "lstm_1layer", "lstm_2layer_bidir", "gru_1layer",
      "gru_lengths"})
  void stackMatchesPyTorchOnSharedFixture(String name) {
    check(name, KernelOpsProvider.scalar());
  }

  /** The same fixtures with the kernels the provider picks (Vector API here) on 2 threads. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rnn_tanh_1layer", "lstm_1layer", "lstm_2layer_bidir", "gru_1layer",
      "gru_lengths", "rnn_relu_2layer", "gru_bidir_lengths", "lstm_2layer_bidir_lengths",
      "lstm_odd_sizes", "gru_3layer_odd", "lstm_long"})
  void stackMatchesPyTorchWithTheProvidersKernels(String name) {
    check(name, KernelOpsProvider.create(2));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rnn_relu_2layer", "rnn_tanh_bidir_lengths", "gru_bidir_lengths",
      "lstm_2layer_bidir_lengths", "lstm_odd_sizes", "gru_3layer_odd", "lstm_long"})
  void stackMatchesPyTorchOnGeneratedFixture(String name) {
    check(name, KernelOpsProvider.scalar());
  }

  private static void check(String name, KernelOps ops) {
    ParityFixture f = read(name);
    RecurrentParity.Result r = RecurrentParity.run(f, registry, ops);
    String report = r.comparisons().stream().map(Object::toString)
        .collect(Collectors.joining("\n  ", name + "\n  ", ""));
    System.out.println(report);
    int expectedCount = 1 + f.initialStates().length * 2 + 1 + f.params().size();
    assertEquals(expectedCount, r.comparisons().size(), "every output and gradient is compared");
    assertTrue(r.passes(), report);
  }

  static ParityFixture read(String name) {
    InputStream in = RecurrentParityTest.class.getResourceAsStream("/parity/" + name + ".h5");
    assertTrue(in != null, "missing test resource /parity/" + name + ".h5");
    return ParityFixture.read(name, in);
  }
}
