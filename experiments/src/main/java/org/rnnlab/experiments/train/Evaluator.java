package org.rnnlab.experiments.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.metric.Metric;
import org.rnnlab.api.metric.MetricFactory;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.experiments.rng.SeedStreams;
import org.rnnlab.experiments.spec.ExperimentSpec;
import org.rnnlab.experiments.spec.PluginSpec;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.model.SequenceModel;

/**
 * Scores the model on a fixed held-out set: {@code eval_batches} batches drawn once from the
 * stream {@code (seed, "data.eval", i)}, so every evaluation (and every resumed run) sees the
 * same sequences. Loss and metrics are averaged over batches.
 */
final class Evaluator {
  /** @param loss mean loss @param metrics metric name to mean value */
  record Result(double loss, Map<String, Double> metrics) {}

  private final List<Batch> batches = new ArrayList<>();
  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final Loss loss;

  Evaluator(Task task, ExperimentSpec spec, PluginRegistry registry, SeedStreams seeds, Loss loss) {
    this.loss = loss;
    for (int i = 0; i < spec.training().evalBatches(); i++) {
      batches.add(task.sample(spec.training().batchSize(), seeds.at(SeedStreams.EVAL_DATA, i)));
    }
    for (PluginSpec m : spec.training().metrics()) {
      MetricFactory<?> f = registry.get(PluginFamily.METRIC, m.type());
      metrics.put(m.type(), f.createFrom(m.config()));
    }
  }

  Result evaluate(KernelOps ops, SequenceModel model) {
    double lossSum = 0;
    Map<String, Double> sums = new LinkedHashMap<>();
    for (Batch b : batches) {
      Tensor prediction = model.forward(ops, b, null);
      Tensor scratch = Tensor.zeros(prediction.dtype(), prediction.shape());
      lossSum += loss.evaluate(ops, prediction, b.target(), b.mask(), scratch);
      metrics.forEach((name, m) -> sums.merge(name, m.compute(prediction, b.target(), b.mask()), Double::sum));
    }
    Map<String, Double> means = new LinkedHashMap<>();
    sums.forEach((k, v) -> means.put(k, v / batches.size()));
    return new Result(lossSum / batches.size(), means);
  }
}
