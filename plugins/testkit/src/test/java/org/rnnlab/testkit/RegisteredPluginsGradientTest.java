package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;

/**
 * Every cell and loss found on the class path (through {@link Plugins#load()}) has gradients that
 * match finite differences, with its default config: a new plugin is checked without anyone
 * writing a test for it.
 */
class RegisteredPluginsGradientTest {
  private static final PluginRegistry REGISTRY = Plugins.load();

  @TestFactory
  Stream<DynamicTest> everyRegisteredCellStepMatchesFiniteDifferences() {
    return REGISTRY.all(PluginFamily.CELL).entrySet().stream().map(e -> DynamicTest.dynamicTest(
        e.getKey(), () -> CellGradientCheck.check(e.getValue(), e.getValue().defaults()).assertPasses()));
  }

  @TestFactory
  Stream<DynamicTest> everyRegisteredCellThroughTheStackMatchesReferenceGradients() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, CellFactory<?>> e : REGISTRY.all(PluginFamily.CELL).entrySet()) {
      for (StackCase c : StackCase.standard()) {
        tests.add(DynamicTest.dynamicTest(e.getKey() + ": " + c.name(), () -> StackGradientCheck
            .check(e.getValue(), e.getValue().defaults(), c, new java.util.SplittableRandom(3))
            .assertPasses()));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyRegisteredSequenceFastPathMatchesTheStepContract() {
    return REGISTRY.all(PluginFamily.CELL).entrySet().stream()
        .filter(e -> SequencePathCheck.hasFastPath(e.getValue(), e.getValue().defaults()))
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> SequencePathCheck
            .check(e.getValue(), e.getValue().defaults()).assertPasses()));
  }

  @TestFactory
  Stream<DynamicTest> everyRegisteredLossMatchesFiniteDifferences() {
    Map<String, LossFactory<?>> losses = REGISTRY.all(PluginFamily.LOSS);
    return losses.entrySet().stream().map(e -> DynamicTest.dynamicTest(
        e.getKey(), () -> LossGradientCheck.check(e.getValue(), e.getValue().defaults()).assertPasses()));
  }
}
