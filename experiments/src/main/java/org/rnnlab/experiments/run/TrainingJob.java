package org.rnnlab.experiments.run;

/**
 * The seam between the CLI and the trainer: {@code rnnlab run} parses and validates the spec,
 * creates the run directory, writes {@code spec.resolved.yaml} and {@code provenance.json},
 * opens {@code metrics.csv}, restores seed-stream positions when resuming, and then calls
 * {@link #run} once. Implementations are found by {@link TrainerLookup}.
 *
 * <p>What {@link #run} must do, in terms of {@link RunContext}:
 *
 * <ol>
 *   <li>build the model from {@code ctx.spec().spec().model()} and {@code ctx.spec().task().shape()},
 *       creating plugins through {@code ctx.plugins().registry()}; initialise parameters from
 *       {@code ctx.seeds().at(SeedStreams.INIT, 0)} (or one counter per layer);
 *   <li>if {@code ctx.resumeFrom()} is present, load its params (PyTorch names), optimizer state
 *       ({@code Optimizer.loadState}) and continue at its step; seed positions are already restored;
 *   <li>each step: draw the batch from {@code ctx.seeds().next(SeedStreams.TRAIN_DATA)} (or from
 *       {@code ctx.seeds().at(SeedStreams.TRAIN_DATA, step)}, which needs no saved position), set the
 *       learning rate from {@code ctx.schedule()}, forward, loss, backward, regularizers in spec
 *       order, optimizer step; honour {@code training.on_nonfinite};
 *   <li>every {@code training.log_every} steps write a row to {@code ctx.metrics()} and call
 *       {@code ctx.progress().update}; every {@code training.eval_every} steps evaluate on the
 *       fixed batches {@code ctx.seeds().at(SeedStreams.EVAL_DATA, i)}, {@code i < eval_batches};
 *   <li>every {@code checkpoint.every} steps and at the end, save a {@link
 *       org.rnnlab.experiments.checkpoint.Checkpoint} through {@code ctx.checkpoints()} with
 *       {@code ctx.seeds().positions()}, {@code ctx.spec().resolvedYaml()} and
 *       {@code ctx.provenance().toJson()};
 *   <li>return a {@link RunSummary}; throw {@link org.rnnlab.experiments.UserError} for failures
 *       the user can act on (a non-finite loss under {@code on_nonfinite: stop}), with one line.
 * </ol>
 *
 * <b>Same spec and seed must give bit-identical results whatever {@code ctx.threads()} is, and
 * after a kill and resume.</b> Implementations need a public no-arg constructor.
 */
public interface TrainingJob {

  /**
   * Trains to the end of the spec's steps.
   *
   * @param ctx everything the run needs, prepared by the CLI
   * @return final numbers, printed by the CLI and recorded in provenance
   */
  RunSummary run(RunContext ctx);
}
