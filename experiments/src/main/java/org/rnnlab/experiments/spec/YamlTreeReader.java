package org.rnnlab.experiments.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * Parses YAML text into a Jackson tree and records where every key was written, so errors found
 * later (during binding and validation) still point at {@code file:line:col}. Duplicate keys are
 * an error (Jackson's {@code STRICT_DUPLICATE_DETECTION}), never "last one wins".
 */
public final class YamlTreeReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String source;
  private final LocationIndex index;

  private YamlTreeReader(String source) {
    this.source = source;
    this.index = new LocationIndex(new Location(source, 1, 1));
  }

  /**
   * A parsed document with the location of each key.
   *
   * @param root the document's top-level mapping
   * @param locations key path to location
   */
  public record SourceTree(ObjectNode root, LocationIndex locations) {}

  /**
   * @param source the name shown in messages (the path as the user typed it)
   * @param text the YAML document
   * @return the tree and its locations
   * @throws SpecException on malformed YAML, duplicate keys, or a top level that is not a mapping
   */
  public static SourceTree read(String source, String text) {
    return new YamlTreeReader(source).parse(text);
  }

  private SourceTree parse(String text) {
    try (JsonParser p = SpecMapper.yaml().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw error(new Location(source, 1, 1), "the spec is empty; expected a mapping of sections");
      }
      if (first != JsonToken.START_OBJECT) {
        throw error(here(p), "the top level of a spec must be a mapping of sections (model:, task:, ...)");
      }
      ObjectNode root = readObject(p, "");
      return new SourceTree(root, index);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      Location at = l == null ? new Location(source, 1, 1) : new Location(source, l.getLineNr(), l.getColumnNr());
      throw error(at, firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw error(new Location(source, 1, 1), "cannot read: " + e.getMessage());
    }
  }

  private ObjectNode readObject(JsonParser p, String path) throws IOException {
    ObjectNode node = NODES.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String childPath = LocationIndex.child(path, key);
      index.put(childPath, here(p));
      p.nextToken();
      node.set(key, readValue(p, childPath));
    }
    return node;
  }

  private ArrayNode readArray(JsonParser p, String path) throws IOException {
    ArrayNode node = NODES.arrayNode();
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      String childPath = LocationIndex.element(path, i++);
      index.put(childPath, here(p));
      node.add(readValue(p, childPath));
    }
    return node;
  }

  private JsonNode readValue(JsonParser p, String path) throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> readObject(p, path);
      case START_ARRAY -> readArray(p, path);
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> NODES.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw error(here(p), "unexpected YAML token " + p.currentToken());
    };
  }

  private Location here(JsonParser p) {
    JsonLocation l = p.currentTokenLocation();
    return new Location(source, l.getLineNr(), l.getColumnNr());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed YAML";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static SpecException error(Location at, String message) {
    return new SpecException(List.of(new SpecError(at, message)));
  }
}
