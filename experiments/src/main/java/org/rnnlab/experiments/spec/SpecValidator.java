package org.rnnlab.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.task.TaskFactory;
import org.rnnlab.api.task.TaskShape;
import org.rnnlab.api.task.TargetKind;
import org.rnnlab.plugins.core.PluginFamily;

/**
 * Checks what no single record can: that the model fits the task (input, vocabulary and output
 * sizes), that the loss fits the task's targets, and that the loop settings are coherent. Runs
 * after binding succeeded; every problem is reported at the key that has to change.
 */
final class SpecValidator {
  private final PluginCatalog catalog;
  private final LocationIndex locations;
  private final List<SpecError> errors = new ArrayList<>();

  SpecValidator(PluginCatalog catalog, LocationIndex locations) {
    this.catalog = catalog;
    this.locations = locations;
  }

  /**
   * @param spec a bound spec
   * @param task the spec's task, created from {@code spec.task()}
   * @return the problems found, empty when the spec can run
   */
  List<SpecError> validate(ExperimentSpec spec, Task task) {
    TaskShape shape = task.shape();
    String taskName = "task '" + spec.task().type() + "'";
    checkInput(spec.model(), shape, taskName);
    checkHead(spec.model().head(), shape, taskName);
    checkLoss(spec.loss(), shape, taskName);
    checkTraining(spec, shape, taskName);
    return errors;
  }

  /** Creates the spec's task; binding has already checked that the type exists. */
  static Task createTask(PluginCatalog catalog, PluginSpec task) {
    return ((TaskFactory<?>) catalog.family(PluginCatalog.TASK).get(task.type())).createFrom(task.config());
  }

  private void checkInput(ModelSpec model, TaskShape shape, String taskName) {
    EmbeddingSpec emb = model.embedding();
    if (emb != null) {
      if (model.inputSize() != null) {
        error("model.input_size", "give model.input_size or model.embedding, not both "
            + "(with an embedding the first layer's input size is embedding.dim)");
      }
      if (shape.vocabSize() == 0) {
        error("model.embedding", "model.embedding needs a symbolic task; " + taskName
            + " has real-valued input of " + shape.inputSize() + " features");
      } else if (emb.vocab() != null && emb.vocab() != shape.vocabSize()) {
        error("model.embedding.vocab", "model.embedding.vocab is " + emb.vocab() + " but " + taskName
            + " has " + shape.vocabSize() + " tokens");
      }
    } else if (model.inputSize() != null && model.inputSize() != shape.inputSize()) {
      error("model.input_size", "model.input_size is " + model.inputSize() + " but " + taskName
          + " gives " + shape.inputSize() + " features per step; omit input_size to use the task's");
    }
  }

  private void checkHead(HeadSpec head, TaskShape shape, String taskName) {
    if (!HeadSpec.TYPES.contains(head.type())) {
      error("model.head.type", "unknown head '" + head.type() + "'" + Names.knownAndSuggestion(head.type(), HeadSpec.TYPES));
    }
    if (head.outputSize() != null && head.outputSize() != shape.outputSize()) {
      error("model.head.output_size", "model.head.output_size is " + head.outputSize() + " but " + taskName
          + " needs " + shape.outputSize() + (shape.targetKind() == TargetKind.CLASS_INDEX ? " classes" : " outputs"));
    }
  }

  private void checkLoss(PluginSpec loss, TaskShape shape, String taskName) {
    LossFactory<?> factory = catalog.registry().get(PluginFamily.LOSS, loss.type());
    Loss created;
    try {
      created = factory.createFrom(loss.config());
    } catch (RuntimeException e) {
      error("loss", "loss '" + loss.type() + "' rejects its configuration: " + e.getMessage());
      return;
    }
    boolean wantsClasses = shape.targetKind() == TargetKind.CLASS_INDEX;
    if (created.classIndexTargets() != wantsClasses) {
      error("loss.type", "loss '" + loss.type() + "' expects "
          + (created.classIndexTargets() ? "class-index" : "real-valued") + " targets but " + taskName + " has "
          + (wantsClasses ? "class-index" : "real-valued") + " targets");
    }
  }

  private void checkTraining(ExperimentSpec spec, TaskShape shape, String taskName) {
    TrainingSpec t = spec.training();
    if ((t.steps() == null) == (t.epochs() == null)) {
      error("training", "give exactly one of training.steps and training.epochs");
    } else if (t.epochs() != null) {
      error("training.epochs", "training.epochs needs a finite data set; " + taskName
          + " is synthetic (endless), use training.steps");
    }
    TruncatedBpttSpec tb = t.truncatedBptt();
    if (tb != null) {
      if (tb.k1() > shape.seqLen()) {
        error("training.truncated_bptt.k1", "training.truncated_bptt.k1 is " + tb.k1() + " but " + taskName
            + " sequences have only " + shape.seqLen() + " steps");
      }
      if (spec.model().bidirectional()) {
        error("training.truncated_bptt", "truncated BPTT cannot be used with model.bidirectional: the reverse "
            + "direction needs the whole sequence");
      }
    }
  }

  private void error(String path, String message) {
    errors.add(new SpecError(locations.locate(path), message));
  }
}
