package org.rnnlab.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;
import org.rnnlab.plugins.core.UnknownPluginException;

/** The built-in modules are found through ServiceLoader and register every type key. */
class BuiltinRegistryTest {
  private static PluginRegistry registry;

  @BeforeAll
  static void load() {
    registry = Plugins.load();
  }

  @Test
  void registryFindsEveryBuiltinTypeKey() {
    assertTrue(registry.all(PluginFamily.LOSS).keySet().containsAll(Set.of("mse", "cross_entropy", "bce_with_logits")));
    assertTrue(registry.all(PluginFamily.OPTIMIZER).keySet().containsAll(
        Set.of("sgd", "adam", "adamw", "rmsprop", "adagrad")));
    assertTrue(registry.all(PluginFamily.REGULARIZER).keySet().containsAll(
        Set.of("l2", "l1", "clip_norm", "clip_value")));
    assertTrue(registry.all(PluginFamily.METRIC).keySet().containsAll(Set.of("accuracy", "mse", "mae")));
  }

  @Test
  void unknownOptimizerListsTheKnownOnes() {
    UnknownPluginException e = assertThrows(UnknownPluginException.class,
        () -> registry.get(PluginFamily.OPTIMIZER, "adm"));
    assertEquals("unknown optimizer 'adm'; known: adagrad, adam, adamw, rmsprop, sgd", e.getMessage());
  }

  @Test
  void everyFactoryDescribesItselfAndBuildsFromItsDefaults() {
    for (PluginFamily<?> family : Plugins.FAMILIES) {
      if (family == PluginFamily.CELL) {
        continue; // cells come from another module of this artifact
      }
      registry.all(family).forEach((key, factory) -> {
        assertTrue(!factory.description().isBlank(), key);
        assertTrue(factory.configType().isRecord(), key + " config is a record");
        create(factory, key);
      });
    }
  }

  private static void create(PluginFactory<?> factory, String key) {
    PluginConfig config = factory.defaults();
    assertEquals(factory.configType(), config.getClass(), key);
    Object plugin = switch (factory) {
      case org.rnnlab.api.loss.LossFactory<?> f -> f.createFrom(config);
      case org.rnnlab.api.optim.OptimizerFactory<?> f -> f.createFrom(config);
      case org.rnnlab.api.reg.RegularizerFactory<?> f -> f.createFrom(config);
      case org.rnnlab.api.metric.MetricFactory<?> f -> f.createFrom(config);
      default -> throw new AssertionError("unexpected factory " + factory);
    };
    assertTrue(plugin != null, key);
  }
}
