package org.rnnlab.api.config;

/**
 * Marker for a plugin's configuration record. Components carry {@link Doc} help text; the
 * plugin's factory supplies {@code defaults()}, over which a YAML spec's keys are merged (a key
 * absent from the YAML keeps its default). Records must be immutable.
 */
public interface PluginConfig {}
