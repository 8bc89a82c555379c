package org.rnnlab.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;

/**
 * Binds a YAML tree onto spec records, component by component, collecting every error with its
 * location instead of stopping at the first. Rules, for each record component (YAML key = the
 * component name in snake_case):
 *
 * <ul>
 *   <li>a key the record does not have is an error, with the known keys and the closest one;
 *   <li>an absent (or {@code null}) key takes, in order: the plugin factory's default, the
 *       {@link Default} literal, the {@link Plugin#defaultType()}; otherwise it is an error when
 *       {@link Required} or primitive, and {@code null} when optional;
 *   <li>{@link Plugin} keys are plugin sections: {@code type} is looked up in the catalog family,
 *       the other keys are bound onto that plugin's config record over {@code defaults()};
 *   <li>nested records recurse; other values are converted by Jackson (strictly: no float to int,
 *       no unknown enum names) and reported as "must be an integer, got 'abc'";
 *   <li>exceptions of a record's constructor become errors at that record's key.
 * </ul>
 *
 * Alongside each value it builds the resolved tree (defaults filled, values normalised), which is
 * what {@code spec.resolved.yaml} contains. One binder binds one document; not thread-safe.
 */
final class RecordBinder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final PluginCatalog catalog;
  private final LocationIndex locations;
  private final List<SpecError> errors = new ArrayList<>();

  /**
   * A bound value and its resolved YAML form.
   *
   * @param value the Java value (null after an error)
   * @param resolved the normalised tree, null for an absent optional key
   */
  record Bound(Object value, JsonNode resolved) {}

  RecordBinder(PluginCatalog catalog, LocationIndex locations) {
    this.catalog = catalog;
    this.locations = locations;
  }

  /** @return the errors found so far, in binding order */
  List<SpecError> errors() {
    return errors;
  }

  /**
   * @param type a record class
   * @param node its YAML mapping
   * @param path the key path of {@code node} ({@code ""} at the top)
   * @param defaults a plugin's defaults as a tree, or null for rnnlab's own records
   * @param owner how messages name the mapping ({@code "model"}, {@code "cell 'lstm'"})
   * @return the record and its resolved tree, or a null value when an error was recorded
   */
  Bound bindRecord(Class<?> type, JsonNode node, String path, ObjectNode defaults, String owner) {
    return bindRecord(type, node, path, defaults, owner, List.of());
  }

  /** As above; {@code siblings} are keys handled by the caller, listed as known in messages. */
  private Bound bindRecord(Class<?> type, JsonNode node, String path, ObjectNode defaults, String owner,
      List<String> siblings) {
    if (!node.isObject()) {
      return fail(path, "'" + path + "' must be a mapping of keys, got " + show(node));
    }
    RecordComponent[] components = type.getRecordComponents();
    Map<String, RecordComponent> byKey = new LinkedHashMap<>();
    for (RecordComponent c : components) {
      byKey.put(Names.snake(c.getName()), c);
    }
    int before = errors.size();
    List<String> known = new ArrayList<>(byKey.keySet());
    known.addAll(siblings);
    node.fieldNames().forEachRemaining(key -> {
      if (!byKey.containsKey(key)) {
        String what = path.isEmpty() ? "unknown section '" + key + "'" : "unknown key '" + key + "' in " + owner;
        error(LocationIndex.child(path, key), what + Names.knownAndSuggestion(key, known));
      }
    });
    Object[] args = new Object[components.length];
    ObjectNode resolved = NODES.objectNode();
    for (int i = 0; i < components.length; i++) {
      String key = Names.snake(components[i].getName());
      Bound b = bindComponent(components[i], node.get(key), LocationIndex.child(path, key), defaults);
      args[i] = b.value();
      if (b.resolved() != null) {
        resolved.set(key, b.resolved());
      }
    }
    if (errors.size() > before) {
      return new Bound(null, null);
    }
    return construct(type, args, path, owner, resolved);
  }

  /**
   * Binds a plugin section {@code {type: NAME, ...}} onto {@code sectionType}, whose components
   * are {@code type}, {@code config} and optional reserved keys (such as an optimizer's
   * {@code schedule}) bound like ordinary components.
   */
  Bound bindPluginSection(Class<?> sectionType, String family, JsonNode node, String path) {
    if (node.isTextual()) {
      // shorthand: "loss: mse" means {type: mse}
      ObjectNode expanded = NODES.objectNode();
      expanded.set("type", node);
      node = expanded;
    }
    SortedMap<String, PluginFactory<?>> known = catalog.family(family);
    if (!node.isObject()) {
      return fail(path, "'" + path + "' must be a " + family + " section {type: NAME, ...}, got " + show(node));
    }
    JsonNode typeNode = node.get("type");
    if (typeNode == null || typeNode.isNull()) {
      return fail(path, "missing required key '" + LocationIndex.child(path, "type") + "'; known " + family
          + " types: " + (known.isEmpty() ? "(none registered)" : String.join(", ", known.keySet())));
    }
    String typePath = LocationIndex.child(path, "type");
    if (!typeNode.isTextual()) {
      return fail(typePath, "'" + typePath + "' must be a " + family + " name, got " + show(typeNode));
    }
    String type = typeNode.asText();
    PluginFactory<?> factory = known.get(type);
    if (factory == null) {
      return fail(typePath, "unknown " + family + " '" + type + "'" + Names.knownAndSuggestion(type, known.keySet()));
    }
    List<RecordComponent> reserved = new ArrayList<>();
    for (RecordComponent c : sectionType.getRecordComponents()) {
      if (!c.getName().equals("type") && !c.getName().equals("config")) {
        reserved.add(c);
      }
    }
    ObjectNode configNode = ((ObjectNode) node).deepCopy();
    configNode.remove("type");
    reserved.forEach(c -> configNode.remove(Names.snake(c.getName())));
    int before = errors.size();
    List<String> siblings = new ArrayList<>(List.of("type"));
    reserved.forEach(c -> siblings.add(Names.snake(c.getName())));
    Bound config = bindConfig(factory, configNode, path, family + " '" + type + "'", siblings);
    ObjectNode resolved = NODES.objectNode();
    resolved.put("type", type);
    if (config.resolved() != null) {
      resolved.setAll((ObjectNode) config.resolved());
    }
    RecordComponent[] all = sectionType.getRecordComponents();
    Object[] args = new Object[all.length];
    for (int i = 0; i < all.length; i++) {
      String name = all[i].getName();
      if (name.equals("type")) {
        args[i] = type;
      } else if (name.equals("config")) {
        args[i] = config.value();
      } else {
        String key = Names.snake(name);
        Bound b = bindComponent(all[i], node.get(key), LocationIndex.child(path, key), null);
        args[i] = b.value();
        if (b.resolved() != null) {
          resolved.set(key, b.resolved());
        }
      }
    }
    if (errors.size() > before) {
      return new Bound(null, null);
    }
    return construct(sectionType, args, path, family + " '" + type + "'", resolved);
  }

  private Bound bindConfig(PluginFactory<?> factory, ObjectNode configNode, String path, String owner,
      List<String> siblings) {
    Class<?> configType = factory.configType();
    if (!configType.isRecord()) {
      // a hand-written config class cannot be bound key by key; it is used as its defaults
      if (configNode.isEmpty()) {
        return new Bound(factory.defaults(), NODES.objectNode());
      }
      String first = configNode.fieldNames().next();
      return fail(LocationIndex.child(path, first), owner + " takes no configuration keys, got '" + first + "'");
    }
    return bindRecord(configType, configNode, path, defaultsTree(factory.defaults()), owner, siblings);
  }

  private Bound bindComponent(RecordComponent c, JsonNode given, String path, ObjectNode defaults) {
    JsonNode node = given == null || given.isNull() ? null : given;
    String key = Names.snake(c.getName());
    Plugin plugin = c.getAnnotation(Plugin.class);
    if (node == null) {
      Default literal = c.getAnnotation(Default.class);
      if (defaults != null && defaults.has(key) && !defaults.get(key).isNull()) {
        node = defaults.get(key);
      } else if (literal != null) {
        node = parseLiteral(literal.value(), path);
      } else if (plugin != null && !plugin.defaultType().isEmpty()) {
        node = NODES.textNode(plugin.defaultType());
      } else if (c.isAnnotationPresent(Required.class) || c.getType().isPrimitive()) {
        return fail(path, "missing required key '" + path + "'");
      } else {
        return new Bound(null, null);
      }
    }
    if (plugin != null) {
      if (List.class.isAssignableFrom(c.getType())) {
        return bindList(node, path, (elem, p) -> bindPluginSection(PluginSpec.class, plugin.value(), elem, p));
      }
      return bindPluginSection(c.getType(), plugin.value(), node, path);
    }
    if (c.getType().isRecord()) {
      // a record nested in a plugin config takes its defaults from the plugin's defaults
      ObjectNode nested = defaults != null && defaults.get(key) instanceof ObjectNode o ? o : null;
      return bindRecord(c.getType(), node, path, nested, path);
    }
    Class<?> element = listElement(c.getGenericType());
    if (element != null && element.isRecord()) {
      return bindList(node, path, (elem, p) -> bindRecord(element, elem, p, null, p));
    }
    return convert(node, c.getGenericType(), path);
  }

  private interface ElementBinder {
    Bound bind(JsonNode element, String path);
  }

  private Bound bindList(JsonNode node, String path, ElementBinder binder) {
    if (!node.isArray()) {
      return fail(path, "'" + path + "' must be a list, got " + show(node));
    }
    List<Object> values = new ArrayList<>();
    ArrayNode resolved = NODES.arrayNode();
    int before = errors.size();
    for (int i = 0; i < node.size(); i++) {
      Bound b = binder.bind(node.get(i), LocationIndex.element(path, i));
      values.add(b.value());
      resolved.add(b.resolved());
    }
    return errors.size() > before ? new Bound(null, null) : new Bound(values, resolved);
  }

  private Bound convert(JsonNode node, Type type, String path) {
    JavaType javaType = SpecMapper.yaml().getTypeFactory().constructType(type);
    try {
      Object value = SpecMapper.yaml().treeToValue(node, javaType);
      return new Bound(value, SpecMapper.yaml().valueToTree(value));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return fail(path, "'" + path + "' must be " + describe(javaType) + ", got " + show(node));
    }
  }

  private Bound construct(Class<?> type, Object[] args, String path, String owner, ObjectNode resolved) {
    try {
      Class<?>[] types = java.util.Arrays.stream(type.getRecordComponents())
          .map(RecordComponent::getType).toArray(Class<?>[]::new);
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return new Bound(ctor.newInstance(args), resolved);
    } catch (InvocationTargetException e) {
      String where = path.isEmpty() ? "spec" : owner;
      return fail(path, "invalid " + where + ": " + e.getCause().getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  /** A plugin's defaults as a tree, component by component (accessor values, snake_case keys). */
  private static ObjectNode defaultsTree(PluginConfig defaults) {
    ObjectNode tree = NODES.objectNode();
    for (RecordComponent c : defaults.getClass().getRecordComponents()) {
      try {
        java.lang.reflect.Method accessor = c.getAccessor();
        accessor.setAccessible(true);
        tree.set(Names.snake(c.getName()), SpecMapper.yaml().valueToTree(accessor.invoke(defaults)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read default " + c.getName() + " of " + defaults, e);
      }
    }
    return tree;
  }

  private JsonNode parseLiteral(String literal, String path) {
    try {
      return SpecMapper.yaml().readTree(literal);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bad @Default literal '" + literal + "' on " + path, e);
    }
  }

  private static Class<?> listElement(Type type) {
    if (type instanceof ParameterizedType pt && pt.getRawType() == List.class
        && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  /** @return a phrase for the expected type: "an integer", "a number", "one of: stop, skip" */
  static String describe(JavaType t) {
    Class<?> c = t.getRawClass();
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return "an integer";
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return "a number";
    }
    if (c == boolean.class || c == Boolean.class) {
      return "true or false";
    }
    if (c == String.class) {
      return "a string";
    }
    if (c.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : c.getEnumConstants()) {
        names.add(SpecMapper.yaml().valueToTree(constant).asText());
      }
      return "one of: " + String.join(", ", names);
    }
    if (t.isCollectionLikeType() || c.isArray()) {
      return "a list of " + describe(t.getContentType()).replaceFirst("^an? ", "") + "s";
    }
    return "a " + c.getSimpleName();
  }

  /** @return how a YAML value is shown in messages */
  static String show(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }

  private Bound fail(String path, String message) {
    error(path, message);
    return new Bound(null, null);
  }

  private void error(String path, String message) {
    errors.add(new SpecError(locations.locate(path), message));
  }
}
