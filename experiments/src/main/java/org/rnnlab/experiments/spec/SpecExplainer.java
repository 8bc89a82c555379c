package org.rnnlab.experiments.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.SortedMap;
import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.experiments.UserError;

/**
 * Renders {@code rnnlab spec --explain [topic]}: every spec key with its type, default and help
 * text, then every plugin family with each plugin's description and config keys, all read from
 * the records' {@link Doc} annotations and the factories' {@code defaults()}, so the help can
 * never drift from what the binder accepts. Stateless.
 */
public final class SpecExplainer {
  private final PluginCatalog catalog;

  /**
   * @param catalog the families to list
   */
  public SpecExplainer(PluginCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param topic null for everything; else a top-level section ({@code training}), a family
   *     ({@code cell}) or a plugin type key ({@code adding})
   * @return the help text
   * @throws UserError for an unknown topic, listing the known ones
   */
  public String explain(String topic) {
    StringBuilder sb = new StringBuilder();
    if (topic == null) {
      sb.append("Spec keys (YAML, snake_case). 'required' keys have no default; plugin sections are\n")
          .append("{type: NAME, ...that plugin's keys}, merged over the plugin's defaults.\n\n");
      section(sb, ExperimentSpec.class, "");
      for (String family : catalog.familyNames()) {
        sb.append('\n');
        family(sb, family);
      }
      return sb.toString();
    }
    // "optimizer", "loss" and "task" are both a section and a family: show both
    for (RecordComponent c : ExperimentSpec.class.getRecordComponents()) {
      if (Names.snake(c.getName()).equals(topic)) {
        component(sb, c, "");
      }
    }
    if (catalog.familyNames().contains(topic)) {
      sb.append(sb.isEmpty() ? "" : "\n");
      family(sb, topic);
    }
    if (!sb.isEmpty()) {
      return sb.toString();
    }
    java.util.Set<String> known = new java.util.LinkedHashSet<>();
    for (RecordComponent c : ExperimentSpec.class.getRecordComponents()) {
      known.add(Names.snake(c.getName()));
    }
    known.addAll(catalog.familyNames());
    for (String family : catalog.familyNames()) {
      PluginFactory<?> f = catalog.family(family).get(topic);
      if (f != null) {
        plugin(sb, family, topic, f);
        return sb.toString();
      }
      known.addAll(catalog.family(family).keySet());
    }
    throw new UserError("unknown topic '" + topic + "' (expected a section, a plugin family or a plugin name)"
        + Names.knownAndSuggestion(topic, known));
  }

  private void section(StringBuilder sb, Class<?> record, String prefix) {
    for (RecordComponent c : record.getRecordComponents()) {
      component(sb, c, prefix);
    }
  }

  private void component(StringBuilder sb, RecordComponent c, String prefix) {
    String path = prefix.isEmpty() ? Names.snake(c.getName()) : prefix + "." + Names.snake(c.getName());
    Plugin plugin = c.getAnnotation(Plugin.class);
    String type;
    if (plugin != null) {
      type = (List.class.isAssignableFrom(c.getType()) ? "list of " : "") + "{type: <" + plugin.value() + ">, ...}";
    } else if (c.getType().isRecord()) {
      type = "mapping";
    } else {
      type = RecordBinder.describe(SpecMapper.yaml().getTypeFactory().constructType(c.getGenericType()))
          .replaceFirst("^an? ", "");
    }
    line(sb, "  " + path, type, defaultOf(c), doc(c));
    if (plugin == null && c.getType().isRecord()) {
      section(sb, c.getType(), path);
    } else if (plugin != null) {
      sb.append("      (keys of each ").append(plugin.value()).append(" type: rnnlab spec --explain ")
          .append(plugin.value()).append(")\n");
      // reserved keys of a plugin section, such as optimizer.schedule
      if (c.getType() != PluginSpec.class && c.getType().isRecord()) {
        for (RecordComponent reserved : c.getType().getRecordComponents()) {
          if (reserved.isAnnotationPresent(Plugin.class)) {
            component(sb, reserved, path);
          }
        }
      }
    }
  }

  private static String defaultOf(RecordComponent c) {
    if (c.isAnnotationPresent(Required.class)) {
      return "required";
    }
    Default d = c.getAnnotation(Default.class);
    if (d != null) {
      return "default " + d.value();
    }
    Plugin p = c.getAnnotation(Plugin.class);
    if (p != null && !p.defaultType().isEmpty()) {
      return "default " + p.defaultType();
    }
    return "optional";
  }

  private void family(StringBuilder sb, String family) {
    SortedMap<String, PluginFactory<?>> plugins = catalog.family(family);
    sb.append("Family '").append(family).append("' (").append(plugins.size()).append(" registered)\n");
    if (plugins.isEmpty()) {
      sb.append("  (none registered: add a plugin jar providing a FrameworkModule to the class path)\n");
    }
    plugins.forEach((key, f) -> plugin(sb, family, key, f));
  }

  private static void plugin(StringBuilder sb, String family, String key, PluginFactory<?> f) {
    sb.append("  ").append(family).append(" '").append(key).append("': ").append(f.description()).append('\n');
    PluginConfig defaults = f.defaults();
    if (!f.configType().isRecord() || f.configType().getRecordComponents().length == 0) {
      sb.append("      (no configuration keys)\n");
      return;
    }
    for (RecordComponent c : f.configType().getRecordComponents()) {
      String type = RecordBinder.describe(SpecMapper.yaml().getTypeFactory().constructType(c.getGenericType()))
          .replaceFirst("^an? ", "");
      line(sb, "    " + Names.snake(c.getName()), type, "default " + value(defaults, c), doc(c));
    }
  }

  private static String value(PluginConfig defaults, RecordComponent c) {
    try {
      java.lang.reflect.Method m = c.getAccessor();
      m.setAccessible(true);
      JsonNode n = SpecMapper.yaml().valueToTree(m.invoke(defaults));
      return n.isTextual() ? n.asText() : n.toString();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read default " + c.getName(), e);
    }
  }

  private static String doc(RecordComponent c) {
    Doc d = c.getAnnotation(Doc.class);
    return d == null ? "" : d.value();
  }

  private static void line(StringBuilder sb, String key, String type, String dflt, String doc) {
    sb.append(String.format("%-36s %-26s %-18s %s", key, type, dflt, doc).stripTrailing()).append('\n');
  }
}
