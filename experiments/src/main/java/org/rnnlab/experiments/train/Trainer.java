package org.rnnlab.experiments.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.diag.DiagnosticsCadence;
import org.rnnlab.api.diag.DiagnosticsSink;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.OptimizerFactory;
import org.rnnlab.api.reg.Regularizer;
import org.rnnlab.api.reg.RegularizerFactory;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.experiments.checkpoint.Checkpoint;
import org.rnnlab.experiments.rng.SeedStreams;
import org.rnnlab.experiments.run.MetricsCsvWriter;
import org.rnnlab.experiments.run.RunContext;
import org.rnnlab.experiments.run.RunSummary;
import org.rnnlab.experiments.run.TrainingJob;
import org.rnnlab.experiments.schedule.LrSchedule;
import org.rnnlab.experiments.spec.DiagnosticsSpec;
import org.rnnlab.experiments.spec.ExperimentSpec;
import org.rnnlab.experiments.spec.NonFinitePolicy;
import org.rnnlab.experiments.spec.PluginSpec;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.layer.StackDiagnostics;
import org.rnnlab.plugins.core.layer.Truncation;
import org.rnnlab.plugins.core.model.NonFiniteGradientException;
import org.rnnlab.plugins.core.model.SequenceModel;

/**
 * The training loop behind {@code rnnlab run}: one optimizer step per batch, evaluation and
 * checkpoints at the spec's cadence, bit-exact resume.
 *
 * <p>Why resume is exact: every batch is drawn from the stream {@code (seed, "data.train", step)},
 * dropout from {@code (seed, "dropout", step)}, evaluation batches from
 * {@code (seed, "data.eval", i)}, and the learning rate is a function of the step; so a
 * checkpoint's parameters, optimizer state and step determine everything that follows.
 *
 * <p>Diagnostics ({@code diagnostics.every > 0}): {@link TrainingDiagnostics} reports to the
 * recorder of {@link DiagnosticsLog}, which rewrites {@code diagnostics.h5} at every checkpoint
 * and when the loop ends, normally or not. The model's gradient probe
 * ({@link SequenceModel#backward(KernelOps, Tensor, Truncation, StackDiagnostics)}) runs only on
 * diagnostics steps and never changes the parameter gradients, so diagnostics do not change the
 * training trajectory.
 */
public final class Trainer implements TrainingJob {

  @Override
  public RunSummary run(RunContext ctx) {
    ExperimentSpec spec = ctx.spec().spec();
    Task task = ctx.spec().task();
    PluginRegistry registry = ctx.plugins().registry();
    KernelOps ops = ctx.kernels();
    SequenceModel model = ModelBuilder.build(spec.model(), task.shape(), registry, DType.FLOAT32);
    model.resetParameters(ctx.seeds().at(SeedStreams.INIT, 0));
    List<Parameter> params = model.parameters();

    Loss loss = registry.get(PluginFamily.LOSS, spec.loss().type()).createFrom(spec.loss().config());
    OptimizerFactory<?> of = registry.get(PluginFamily.OPTIMIZER, spec.optimizer().type());
    Optimizer optimizer = of.createFrom(spec.optimizer().config());
    optimizer.init(params);
    double baseLr = optimizer.learningRate();
    List<Regularizer> penalties = new ArrayList<>();
    Map<Regularizer, PluginConfig> transforms = new LinkedHashMap<>();
    for (PluginSpec r : spec.regularizers()) {
      RegularizerFactory<?> rf = registry.get(PluginFamily.REGULARIZER, r.type());
      Regularizer reg = rf.createFrom(r.config());
      if (reg.stage() == Regularizer.Stage.PENALTY) {
        penalties.add(reg);
      } else {
        transforms.put(reg, r.config());
      }
    }
    Evaluator evaluator = new Evaluator(task, spec, registry, ctx.seeds(), loss);
    LrSchedule schedule = ctx.schedule();
    Truncation truncation = spec.training().truncatedBptt() == null ? null
        : new Truncation(spec.training().truncatedBptt().k1(), spec.training().truncatedBptt().k2());

    long start = 0;
    if (ctx.resumeFrom().isPresent()) {
      Checkpoint c = ctx.resumeFrom().get().checkpoint();
      CheckpointState.restore(c, params, optimizer);
      start = c.step();
    }
    long total = ctx.totalSteps();
    if (ctx.resumeFrom().isPresent() && start >= total) {
      ctx.log().println("rnnlab: the run had already reached step " + start + " of " + total
          + "; nothing left to train");
      return RunSummaries.fromMetrics(start, ctx.metrics().resumedRow(), ctx.resumeFrom().get().file());
    }
    DiagnosticsSpec ds = spec.diagnostics();
    DiagnosticsLog diagnosticsLog = ds.every() > 0 ? DiagnosticsLog.open(ctx.directory().diagnosticsFile(),
        new DiagnosticsCadence(ds.every(), ds.spectrumEvery() > 0 ? ds.spectrumEvery() : Long.MAX_VALUE),
        start, total, ctx.log()) : null;
    TrainingDiagnostics diag = new TrainingDiagnostics(
        diagnosticsLog == null ? DiagnosticsSink.NONE : diagnosticsLog.sink(), ds, params, transforms);
    long checkpointEvery = spec.checkpoint().every();
    long startNanos = System.nanoTime();
    double lastTrain = Double.NaN;
    Evaluator.Result lastEval = null;
    long skipped = 0;
    Path lastCheckpoint = null;

    try {
      for (long step = start + 1; step <= total; step++) {
        Batch batch = task.sample(spec.training().batchSize(), ctx.seeds().at(SeedStreams.TRAIN_DATA, step));
        model.zeroGrad();
        long diagStep = step - 1;   // the sink counts the updates made before this one
        StackDiagnostics probes = diag.stack(diagStep);
        Tensor prediction = model.forward(ops, batch,
            spec.model().dropout() > 0 ? ctx.seeds().at(SeedStreams.DROPOUT, step) : null, probes);
        Tensor dPrediction = Tensor.zeros(prediction.dtype(), prediction.shape());
        double value = loss.evaluate(ops, prediction, batch.target(), batch.mask(), dPrediction);
        GradientCheck.NonFinite bad = Double.isFinite(value) ? null
            : new GradientCheck.NonFinite("loss", -1, value);
        if (bad == null) {
          bad = backward(model, ops, dPrediction, truncation, probes);
        }
        if (bad == null) {
          for (Regularizer r : penalties) {
            value += r.apply(ops, params);
          }
          bad = GradientCheck.firstNonFinite(params);
        }
        if (bad != null) {
          diag.nonFinite(diagStep, bad.tensor(), bad.index(), bad.value());
          if (spec.training().onNonfinite() == NonFinitePolicy.SKIP) {
            skipped++;
            ctx.log().printf(Locale.ROOT, "rnnlab: step %d skipped: non-finite %s (%d skipped so far)%n",
                step, bad, skipped);
            continue;
          }
          throw new NonFiniteException("non-finite value at step " + step + ": " + bad
              + "; stopped, the last good checkpoint is kept"
              + " (set training.on_nonfinite: skip to skip such steps)");
        }
        double gradNorm = GradientCheck.globalNorm(ops, params);
        for (Regularizer r : transforms.keySet()) {
          r.apply(ops, params);
        }
        diag.afterTransforms(diagStep);
        double lr = baseLr * schedule.factor(step);
        optimizer.setLearningRate(lr);
        diag.beforeUpdate(diagStep);
        optimizer.step();
        GradientCheck.NonFinite badParam = GradientCheck.firstNonFiniteValue(params);
        if (badParam != null) {
          // finite gradients can still overflow a parameter; stop before such a state is
          // checkpointed (skip cannot apply: the update is done)
          diag.nonFinite(diagStep, badParam.tensor(), badParam.index(), badParam.value());
          throw new NonFiniteException("non-finite value at step " + step + ": parameter " + badParam
              + " after the optimizer update; stopped, the last good checkpoint is kept"
              + " (lower the learning rate or clip)");
        }
        diag.afterUpdate(ops, diagStep);
        diag.trained(diagStep, value, lr, gradNorm);
        lastTrain = value;

        boolean last = step == total;
        boolean evalNow = last || (spec.training().evalEvery() > 0 && step % spec.training().evalEvery() == 0);
        Evaluator.Result eval = evalNow ? evaluator.evaluate(ops, model) : null;
        if (eval != null) {
          lastEval = eval;
          diag.evaluated(step, eval);
        }
        if (last || evalNow || step % spec.training().logEvery() == 0) {
          Map<String, Double> row = new LinkedHashMap<>();
          row.put(MetricsCsvWriter.WALL_TIME, (System.nanoTime() - startNanos) / 1e9);
          row.put(MetricsCsvWriter.LR, lr);
          row.put(MetricsCsvWriter.GRAD_NORM, gradNorm);
          row.put(MetricsCsvWriter.TRAIN_LOSS, value);
          if (eval != null) {
            row.put(MetricsCsvWriter.EVAL_LOSS, eval.loss());
            eval.metrics().forEach((k, v) -> row.put("eval_" + k, v));
          }
          ctx.metrics().write(step, row);
        }
        ctx.progress().update(step, String.format(Locale.ROOT, "loss=%.4g", value)
            + (lastEval == null ? "" : String.format(Locale.ROOT, " eval=%.4g", lastEval.loss())));
        if (last || (checkpointEvery > 0 && step % checkpointEvery == 0)) {
          lastCheckpoint = ctx.checkpoints().save(CheckpointState.capture(step, params, optimizer, ctx));
          if (diagnosticsLog != null && !last) {
            diagnosticsLog.flush();   // the last one is flushed below
          }
        }
      }
    } finally {
      // also when a non-finite value stops the run: its diagnostics explain why
      if (diagnosticsLog != null) {
        diagnosticsLog.flush();
      }
    }
    if (skipped > 0) {
      ctx.log().println("rnnlab: " + skipped + " step(s) skipped because of non-finite values");
    }
    return new RunSummary(total, lastTrain, lastEval == null ? Double.NaN : lastEval.loss(),
        lastEval == null ? Map.of() : lastEval.metrics(), lastCheckpoint, skipped);
  }

  /**
   * Back-propagates; returns the non-finite gradient that stopped it, or null. Finite loss
   * gradients can overflow on the way down (a huge head weight times a large dLoss/dPrediction):
   * that is a non-finite step for the policy to handle, not a bug.
   */
  private static GradientCheck.NonFinite backward(SequenceModel model, KernelOps ops, Tensor dPrediction,
      Truncation truncation, StackDiagnostics probes) {
    try {
      model.backward(ops, dPrediction, truncation, probes);
      return null;
    } catch (NonFiniteGradientException e) {
      return new GradientCheck.NonFinite("grad/" + e.tensor(), e.index(), e.value());
    }
  }
}
