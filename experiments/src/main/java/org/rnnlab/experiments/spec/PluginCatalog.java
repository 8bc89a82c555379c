package org.rnnlab.experiments.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.experiments.schedule.Schedules;
import org.rnnlab.experiments.task.TaskRegistry;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;

/**
 * Every name a spec may use in a {@code type:} key, by family: the Guice-registered plugin
 * families ({@code cell}, {@code loss}, {@code optimizer}, {@code regularizer}, {@code metric})
 * plus rnnlab's built-in {@code task} and {@code schedule} maps. Spec binding and
 * {@code spec --explain} read families only through this class. Immutable and thread-safe.
 */
public final class PluginCatalog {
  /** Family name of {@code task.type}. */
  public static final String TASK = "task";
  /** Family name of {@code optimizer.schedule.type}. */
  public static final String SCHEDULE = "schedule";

  private final Map<String, SortedMap<String, PluginFactory<?>>> families;
  private final PluginRegistry registry;

  private PluginCatalog(Map<String, SortedMap<String, PluginFactory<?>>> families, PluginRegistry registry) {
    this.families = Collections.unmodifiableMap(families);
    this.registry = registry;
  }

  /**
   * @param registry the plugins found on the class path ({@link Plugins#load()})
   * @return the registry's families plus the built-in tasks and schedules
   */
  public static PluginCatalog of(PluginRegistry registry) {
    Map<String, SortedMap<String, PluginFactory<?>>> m = new LinkedHashMap<>();
    m.put(TASK, Collections.unmodifiableSortedMap(new TreeMap<>(TaskRegistry.builtin().all())));
    for (PluginFamily<?> family : Plugins.FAMILIES) {
      m.put(family.name(), Collections.unmodifiableSortedMap(new TreeMap<>(registry.all(family))));
    }
    m.put(SCHEDULE, Collections.unmodifiableSortedMap(new TreeMap<>(Schedules.builtin())));
    return new PluginCatalog(m, registry);
  }

  /** @return the underlying Guice plugin registry (for the trainer to create plugins) */
  public PluginRegistry registry() {
    return registry;
  }

  /** @return the family names in display order */
  public List<String> familyNames() {
    return List.copyOf(families.keySet());
  }

  /**
   * @param family a family name from {@link #familyNames()}
   * @return its factories by type key, sorted
   * @throws IllegalArgumentException for a family name no spec record uses (a bug, not user input)
   */
  public SortedMap<String, PluginFactory<?>> family(String family) {
    SortedMap<String, PluginFactory<?>> f = families.get(family);
    if (f == null) {
      throw new IllegalArgumentException("no plugin family '" + family + "'; families: " + families.keySet());
    }
    return f;
  }
}
