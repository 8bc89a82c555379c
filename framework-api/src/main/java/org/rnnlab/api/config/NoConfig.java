package org.rnnlab.api.config;

/** Config of a plugin that has no options. */
public record NoConfig() implements PluginConfig {}
