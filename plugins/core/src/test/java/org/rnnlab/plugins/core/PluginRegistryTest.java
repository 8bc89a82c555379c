package org.rnnlab.plugins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.config.NoConfig;

class PluginRegistryTest {

  /** A cell factory that only carries a name: registry tests never create cells. */
  private static CellFactory<NoConfig> named(String label) {
    return CellFactory.of(NoConfig.class, new NoConfig(), "registry test factory " + label,
        (config, shape) -> {
          throw new UnsupportedOperationException("registry tests do not build cells");
        });
  }

  private static AbstractModule registering(String... keys) {
    return registeringAs("", keys);
  }

  private static AbstractModule registeringAs(String owner, String... keys) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        for (String key : keys) {
          PluginBinder.cells(binder()).add(key, named(owner + key));
        }
      }
    };
  }

  @Test
  void registeredKeysAreFoundByName() {
    PluginRegistry registry = PluginRegistry.from(
        Plugins.createInjector(List.of(registering("beta", "alpha"))));
    assertEquals("registry test factory alpha",
        registry.get(PluginFamily.CELL, "alpha").description());
    assertEquals(List.of("alpha", "beta"), List.copyOf(registry.all(PluginFamily.CELL).keySet()));
  }

  @Test
  void unknownKeyListsKnownKeysSorted() {
    PluginRegistry registry = PluginRegistry.from(
        Plugins.createInjector(List.of(registering("lstm", "gru", "rnn_tanh"))));
    UnknownPluginException e = assertThrows(UnknownPluginException.class,
        () -> registry.get(PluginFamily.CELL, "lstn"));
    assertEquals("unknown cell 'lstn'; known: gru, lstm, rnn_tanh", e.getMessage());
    assertEquals(List.of("gru", "lstm", "rnn_tanh"), e.known());
  }

  @Test
  void mapBinderRejectsDuplicateCellTypeAtStartUp() {
    PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
        () -> Plugins.createInjector(
            List.of(registeringAs("jar1:", "twin"), registeringAs("jar2:", "twin"))));
    assertTrue(e.getMessage().contains("twin"), e.getMessage());
  }

  @Test
  void emptyFamiliesAreEmptyMapsNotErrors() {
    PluginRegistry registry = PluginRegistry.from(Plugins.createInjector(List.of()));
    assertTrue(registry.all(PluginFamily.OPTIMIZER).isEmpty());
    UnknownPluginException e = assertThrows(UnknownPluginException.class,
        () -> registry.get(PluginFamily.OPTIMIZER, "adam"));
    assertEquals("unknown optimizer 'adam'; known: ", e.getMessage());
  }

  @Test
  void typeKeysMustBeSnakeCase() {
    PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
        () -> Plugins.createInjector(List.of(registering("Bad-Key"))));
    assertTrue(e.getMessage().contains("'Bad-Key' must be lower_snake_case"), e.getMessage());
  }

  @Test
  void serviceLoaderModulesAreDiscovered() {
    // src/test/resources/META-INF/services lists DiscoveredTestModule: nothing references it in code
    PluginRegistry registry = Plugins.load();
    assertSame(DiscoveredTestModule.FACTORY, registry.get(PluginFamily.METRIC, "discovered_by_service_loader"));
  }
}
