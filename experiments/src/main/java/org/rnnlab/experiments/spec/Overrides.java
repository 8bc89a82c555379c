package org.rnnlab.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies command-line overrides such as {@code optimizer.lr=3e-4}, {@code model.cell.type=gru}
 * or {@code regularizers[0].max_norm=0.5} (also written {@code regularizers.0.max_norm=0.5}) to
 * the YAML tree <b>before</b> binding, so an override is type-checked and validated exactly like
 * the file. The value is parsed as YAML ({@code true}, {@code 12}, {@code [1, 2]},
 * {@code {type: adam}}); missing intermediate mappings are created.
 */
public final class Overrides {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INDEX = Pattern.compile("\\d+");

  private Overrides() {}

  /**
   * @param root the spec tree (modified in place)
   * @param overrides {@code key.path=value} strings in application order
   * @param locations updated so errors in overridden values name the override
   * @throws SpecException listing every malformed override (the tree is then unspecified)
   */
  public static void apply(ObjectNode root, List<String> overrides, LocationIndex locations) {
    List<SpecError> errors = new ArrayList<>();
    for (String text : overrides) {
      try {
        applyOne(root, text, locations);
      } catch (IllegalArgumentException e) {
        errors.add(new SpecError(Location.override(text), e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new SpecException(errors);
    }
  }

  private static void applyOne(ObjectNode root, String text, LocationIndex locations) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("bad override: expected key.path=value");
    }
    List<String> segments = segments(text.substring(0, eq).trim());
    JsonNode value = parseValue(text.substring(eq + 1));
    JsonNode parent = root;
    String path = "";
    for (int i = 0; i < segments.size() - 1; i++) {
      String seg = segments.get(i);
      String next = segments.get(i + 1);
      JsonNode child = childOf(parent, seg, path);
      if (child == null || child.isNull()) {
        if (INDEX.matcher(next).matches()) {
          throw new IllegalArgumentException(
              "bad override: '" + pathOf(path, seg) + "' is not a list, cannot index [" + next + "]");
        }
        child = ((ObjectNode) parent).putObject(seg);
      }
      path = pathOf(path, seg);
      parent = child;
    }
    String last = segments.getLast();
    String fullPath = pathOf(path, last);
    if (parent instanceof ObjectNode obj) {
      if (INDEX.matcher(last).matches()) {
        throw new IllegalArgumentException("bad override: '" + path + "' is a mapping, not a list");
      }
      obj.set(last, value);
    } else if (parent instanceof ArrayNode arr) {
      int i = index(arr, last, path);
      arr.set(i, value);
    } else {
      throw new IllegalArgumentException(
          "bad override: '" + path + "' is a single value, it has no key '" + last + "'");
    }
    locations.removeBelow(fullPath);
    locations.put(fullPath, Location.override(text));
  }

  private static JsonNode childOf(JsonNode parent, String seg, String path) {
    if (parent instanceof ObjectNode obj) {
      if (INDEX.matcher(seg).matches()) {
        throw new IllegalArgumentException("bad override: '" + path + "' is a mapping, not a list");
      }
      return obj.get(seg);
    }
    if (parent instanceof ArrayNode arr) {
      return arr.get(index(arr, seg, path));
    }
    throw new IllegalArgumentException(
        "bad override: '" + path + "' is a single value, it has no key '" + seg + "'");
  }

  private static int index(ArrayNode arr, String seg, String path) {
    if (!INDEX.matcher(seg).matches()) {
      throw new IllegalArgumentException(
          "bad override: '" + path + "' is a list; use an index like " + path + "[0]");
    }
    int i = Integer.parseInt(seg);
    if (i >= arr.size()) {
      throw new IllegalArgumentException(
          "bad override: index " + i + " out of range, '" + path + "' has " + arr.size() + " entries");
    }
    return i;
  }

  private static String pathOf(String parent, String seg) {
    return INDEX.matcher(seg).matches() ? LocationIndex.element(parent, Integer.parseInt(seg))
        : LocationIndex.child(parent, seg);
  }

  /** Splits {@code a.b[0].c} or {@code a.b.0.c} into {@code [a, b, 0, c]}. */
  private static List<String> segments(String key) {
    List<String> out = new ArrayList<>();
    for (String part : key.replace("[", ".").replace("]", "").split("\\.", -1)) {
      if (!KEY.matcher(part).matches() && !INDEX.matcher(part).matches()) {
        throw new IllegalArgumentException(
            "bad override: '" + key + "' is not a key path like optimizer.lr or regularizers[0].max_norm");
      }
      out.add(part);
    }
    return out;
  }

  private static JsonNode parseValue(String raw) {
    if (raw.isBlank()) {
      throw new IllegalArgumentException("bad override: missing value after '='");
    }
    try {
      JsonNode v = SpecMapper.yaml().readTree(raw);
      if (v == null || v.isMissingNode()) {
        throw new IllegalArgumentException("bad override: missing value after '='");
      }
      return v;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad override: value is not valid YAML: "
          + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
  }
}
