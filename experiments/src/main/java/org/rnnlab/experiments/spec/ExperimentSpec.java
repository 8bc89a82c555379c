package org.rnnlab.experiments.spec;

import java.util.List;
import org.rnnlab.api.config.Doc;

/**
 * A whole experiment, as written in a spec YAML file (keys in lower_snake_case). A spec plus its
 * seed fully determines a run.
 *
 * @param model the network
 * @param task the data: a task plugin section
 * @param loss the objective: a loss plugin section
 * @param optimizer the optimizer and its schedule
 * @param regularizers penalties and gradient clipping, applied in order
 * @param training loop lengths and cadences
 * @param checkpoint checkpoint cadence and retention
 * @param diagnostics gradient-flow diagnostics cadence
 * @param seed master seed of every random stream
 */
public record ExperimentSpec(
    @Doc("The network: embedding or input, recurrent cell stack, head.") @Required ModelSpec model,
    @Doc("The data: {type: adding|copy_memory|temporal_order, ...task parameters}.")
        @Required @Plugin(PluginCatalog.TASK) PluginSpec task,
    @Doc("Training objective: {type: NAME, ...loss config}.") @Required @Plugin("loss") PluginSpec loss,
    @Doc("Optimizer: {type: NAME, ...optimizer config, schedule: {...}}.")
        @Required @Plugin("optimizer") OptimizerSpec optimizer,
    @Doc("Penalties and gradient clipping (clip_norm, clip_value), applied in list order.")
        @Default("[]") @Plugin("regularizer") List<PluginSpec> regularizers,
    @Doc("Loop lengths, batch size, evaluation and failure policy.") @Required TrainingSpec training,
    @Doc("Checkpoint cadence and retention.") @Default("{}") CheckpointSpec checkpoint,
    @Doc("Gradient-flow diagnostics cadence.") @Default("{}") DiagnosticsSpec diagnostics,
    @Doc("Master seed: every random stream (init, data, dropout) is derived from it.") @Required long seed) {

  /** Makes the list immutable. */
  public ExperimentSpec {
    regularizers = List.copyOf(regularizers);
  }
}
