package org.rnnlab.plugins.core;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Types;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rnnlab.api.config.PluginFactory;

/**
 * Read-only view of every registered plugin, looked up by family and type key.
 * Immutable and thread-safe once built.
 */
public final class PluginRegistry {
  private final Map<PluginFamily<?>, SortedMap<String, ? extends PluginFactory<?>>> families;

  private PluginRegistry(Map<PluginFamily<?>, SortedMap<String, ? extends PluginFactory<?>>> families) {
    this.families = families;
  }

  /**
   * @param injector an injector built by {@link Plugins#createInjector}
   * @return the registry of all families bound in it
   */
  @SuppressWarnings("unchecked")
  public static PluginRegistry from(Injector injector) {
    Map<PluginFamily<?>, SortedMap<String, ? extends PluginFactory<?>>> all = new java.util.LinkedHashMap<>();
    for (PluginFamily<?> family : Plugins.FAMILIES) {
      Key<?> key = Key.get(Types.mapOf(String.class, family.factoryType().getType()));
      Map<String, PluginFactory<?>> bound = (Map<String, PluginFactory<?>>) injector.getInstance(key);
      all.put(family, Collections.unmodifiableSortedMap(new TreeMap<>(bound)));
    }
    return new PluginRegistry(all);
  }

  /**
   * @param family the family
   * @param key the YAML type key
   * @param <F> the factory type
   * @return the factory
   * @throws UnknownPluginException listing the known keys when {@code key} is not registered
   */
  @SuppressWarnings("unchecked")
  public <F extends PluginFactory<?>> F get(PluginFamily<F> family, String key) {
    SortedMap<String, ? extends PluginFactory<?>> map = families.get(family);
    PluginFactory<?> f = map.get(key);
    if (f == null) {
      throw new UnknownPluginException(family.name(), key, map.keySet());
    }
    return (F) f;
  }

  /**
   * @param family the family
   * @param <F> the factory type
   * @return every registered key of the family with its factory, sorted by key
   */
  @SuppressWarnings("unchecked")
  public <F extends PluginFactory<?>> SortedMap<String, F> all(PluginFamily<F> family) {
    return (SortedMap<String, F>) families.get(family);
  }
}
