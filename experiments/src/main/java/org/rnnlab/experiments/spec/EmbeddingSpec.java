package org.rnnlab.experiments.spec;

import org.rnnlab.api.config.Doc;

/**
 * A learned token embedding in front of the first recurrent layer.
 *
 * @param vocab number of token ids, or null to take the task's vocabulary size
 * @param dim embedding width (the first layer's input size)
 */
public record EmbeddingSpec(
    @Doc("Number of token ids; omit to use the task's vocabulary (must match it when given).") Integer vocab,
    @Doc("Embedding width, the input size of the first recurrent layer.") @Required int dim) {

  /** Rejects non-positive sizes. */
  public EmbeddingSpec {
    if (dim < 1 || (vocab != null && vocab < 1)) {
      throw new IllegalArgumentException("embedding needs dim >= 1 and vocab >= 1, got dim=" + dim
          + " vocab=" + vocab);
    }
  }
}
