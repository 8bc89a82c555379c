package org.rnnlab.experiments.spec;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The strictly configured Jackson mappers every spec goes through (see STACK.md). */
public final class SpecMapper {
  private static final YAMLMapper YAML = configure(YAMLMapper.builder(
          YAMLFactory.builder()
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build()))
      .build();
  private static final JsonMapper JSON = configure(JsonMapper.builder())
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private SpecMapper() {}

  private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B b) {
    return b
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        // 1.5 for an int key is a mistake, not something to truncate silently
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  }

  /** @return the YAML mapper (thread-safe, shared) */
  public static YAMLMapper yaml() {
    return YAML;
  }

  /** @return the JSON mapper used for provenance (thread-safe, shared) */
  public static JsonMapper json() {
    return JSON;
  }
}
