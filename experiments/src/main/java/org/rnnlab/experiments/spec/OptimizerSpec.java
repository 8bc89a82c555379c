package org.rnnlab.experiments.spec;

import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;

/**
 * The optimizer section: an optimizer plugin plus its learning-rate schedule, written
 * {@code {type: adam, lr: 1e-3, schedule: {type: cosine}}}.
 *
 * @param type optimizer type key
 * @param config the optimizer's config record
 * @param schedule learning-rate schedule
 */
public record OptimizerSpec(
    String type,
    PluginConfig config,
    @Doc("Learning-rate schedule, {type: constant|step|exponential|cosine|linear_warmup, ...}.")
        @Plugin(value = PluginCatalog.SCHEDULE, defaultType = "constant") PluginSpec schedule) {}
