package org.rnnlab.plugins.core;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Builds the plugin injector from every {@link FrameworkModule} on the class path. */
public final class Plugins {
  /** Every family, in the order {@code spec --explain} lists them. */
  public static final List<PluginFamily<?>> FAMILIES = List.of(
      PluginFamily.CELL, PluginFamily.LOSS, PluginFamily.OPTIMIZER,
      PluginFamily.REGULARIZER, PluginFamily.METRIC);

  private Plugins() {}

  /**
   * @return the registry of all plugins found by {@link ServiceLoader} on the context class path
   * @throws PluginConfigurationException when two plugins claim the same key, or a module fails
   */
  public static PluginRegistry load() {
    return PluginRegistry.from(createInjector(List.of()));
  }

  /**
   * @param extra additional modules (tests, embedding applications)
   * @return an injector with the core bindings, every discovered {@link FrameworkModule} and
   *     {@code extra}
   * @throws PluginConfigurationException on duplicate keys, naming them
   */
  public static Injector createInjector(List<? extends Module> extra) {
    List<Module> modules = new ArrayList<>();
    modules.add(new CoreModule());
    for (FrameworkModule m : ServiceLoader.load(FrameworkModule.class)) {
      modules.add(m);
    }
    modules.addAll(extra);
    try {
      return Guice.createInjector(modules);
    } catch (CreationException e) {
      List<String> lines = new ArrayList<>();
      for (Message m : e.getErrorMessages()) {
        lines.add(m.getMessage());
      }
      throw new PluginConfigurationException(
          "plugin registration failed: " + String.join("; ", lines), e);
    }
  }

  /** Declares every family's map so that a family without plugins is an empty map, not an error. */
  private static final class CoreModule extends AbstractModule {
    @Override
    protected void configure() {
      for (PluginFamily<?> family : FAMILIES) {
        declare(family);
      }
    }

    private <F extends org.rnnlab.api.config.PluginFactory<?>> void declare(PluginFamily<F> family) {
      MapBinder.newMapBinder(binder(), com.google.inject.TypeLiteral.get(String.class), family.factoryType());
    }
  }
}
