package org.rnnlab.experiments.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.experiments.checkpoint.Checkpoint;
import org.rnnlab.experiments.checkpoint.CheckpointException;
import org.rnnlab.experiments.run.RunContext;

/** Moves the training state (parameters, optimizer, RNG positions, step) into and out of checkpoints. */
final class CheckpointState {
  private CheckpointState() {}

  static Checkpoint capture(long step, List<Parameter> params, Optimizer optimizer, RunContext ctx) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    for (Parameter p : params) {
      values.put(p.name(), p.value());
    }
    return new Checkpoint(step, 0, step, values, optimizer.state(), ctx.seeds().positions(),
        ctx.spec().resolvedYaml(), ctx.provenance().toJson());
  }

  static void restore(Checkpoint c, List<Parameter> params, Optimizer optimizer) {
    for (Parameter p : params) {
      Tensor saved = c.params().get(p.name());
      if (saved == null) {
        throw new CheckpointException("checkpoint at step " + c.step() + " has no parameter '"
            + p.name() + "'; it has " + c.params().keySet(), null);
      }
      Tensor.requireShape("checkpoint parameter " + p.name(), saved, p.value().shape());
      p.value().copyFrom(saved);
    }
    optimizer.loadState(c.optimizerState());
  }
}
