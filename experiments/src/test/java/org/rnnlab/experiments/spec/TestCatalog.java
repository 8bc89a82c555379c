package org.rnnlab.experiments.spec;

import org.rnnlab.plugins.core.Plugins;

/** The catalog tests use: whatever is on the test class path, which includes the test doubles. */
public final class TestCatalog {
  private static final PluginCatalog CATALOG = PluginCatalog.of(Plugins.load());

  private TestCatalog() {}

  /** @return the shared catalog */
  public static PluginCatalog get() {
    return CATALOG;
  }

  /** A valid spec using only the test-double plugins; line numbers below are relied on. */
  public static final String VALID = """
      model:
        cell: {type: test_cell}
        hidden_size: 16
      task: {type: adding, seq_len: 20}
      loss: {type: test_mse}
      optimizer: {type: test_sgd, lr: 0.1}
      regularizers:
        - {type: test_clip, max_norm: 0.5}
      training: {steps: 100, batch_size: 8}
      seed: 42
      """;
}
