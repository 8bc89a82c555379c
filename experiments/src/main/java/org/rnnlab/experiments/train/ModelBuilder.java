package org.rnnlab.experiments.train;

import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.task.TaskShape;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.experiments.UserError;
import org.rnnlab.experiments.spec.ModelSpec;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.core.model.Embedding;
import org.rnnlab.plugins.core.model.Linear;
import org.rnnlab.plugins.core.model.SequenceModel;

/** Builds the {@link SequenceModel} a spec's {@code model} section describes for a task. */
final class ModelBuilder {
  private ModelBuilder() {}

  static SequenceModel build(ModelSpec m, TaskShape task, PluginRegistry registry, DType dtype) {
    Embedding embedding = null;
    int inputSize = task.inputSize();
    if (m.embedding() != null) {
      if (task.vocabSize() == 0) {
        throw new UserError("model.embedding needs a symbolic task, but this task has real-valued inputs");
      }
      int vocab = m.embedding().vocab() != null ? m.embedding().vocab() : task.vocabSize();
      embedding = new Embedding("embedding", vocab, m.embedding().dim(), dtype);
      inputSize = m.embedding().dim();
    } else if (m.inputSize() != null && m.inputSize() != task.inputSize()) {
      throw new UserError("model.input_size is " + m.inputSize() + " but the task provides "
          + task.inputSize() + " features per step");
    }
    CellFactory<?> cell = registry.get(PluginFamily.CELL, m.cell().type());
    RecurrentSpec rs = new RecurrentSpec(inputSize, m.hiddenSize(), m.layers(), m.bidirectional(), m.dropout());
    RecurrentStack stack = new RecurrentStack(cell, m.cell().config(), rs, dtype);
    int outputs = m.head().outputSize() != null ? m.head().outputSize() : task.outputSize();
    if (outputs != task.outputSize()) {
      throw new UserError("model.head.output_size is " + outputs + " but the task scores "
          + task.outputSize() + " outputs per step");
    }
    Linear head = new Linear("head", rs.directions() * m.hiddenSize(), outputs, dtype);
    return new SequenceModel(embedding, stack, head, task.outputMode(), dtype);
  }
}
