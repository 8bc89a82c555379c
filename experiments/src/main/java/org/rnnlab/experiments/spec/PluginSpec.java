package org.rnnlab.experiments.spec;

import org.rnnlab.api.config.PluginConfig;

/**
 * A resolved plugin section: YAML {@code {type: lstm, forget_bias: 1.0}} becomes
 * {@code PluginSpec("lstm", LstmConfig[...])}, the config merged over the factory's defaults.
 *
 * @param type the type key in its family
 * @param config the plugin's config record, fully populated
 */
public record PluginSpec(String type, PluginConfig config) {}
