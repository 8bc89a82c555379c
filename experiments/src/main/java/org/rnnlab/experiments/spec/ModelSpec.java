package org.rnnlab.experiments.spec;

import org.rnnlab.api.config.Doc;

/**
 * The network: {@code input -> [embedding] -> layers x cell (hidden_size, [bidirectional],
 * dropout between layers) -> head}.
 *
 * @param inputSize features per step, or null to take the task's
 * @param embedding token embedding, or null for real-valued (or one-hot) input
 * @param cell the recurrent cell plugin section
 * @param layers stacked recurrent layers
 * @param hiddenSize hidden units per layer and direction
 * @param bidirectional whether each layer also runs right to left
 * @param dropout dropout probability between stacked layers
 * @param head the output layer
 */
public record ModelSpec(
    @Doc("Features per time step; omit to use the task's (must match it when given).") Integer inputSize,
    @Doc("Token embedding {vocab, dim} for symbolic tasks; omit to feed one-hot vectors.") EmbeddingSpec embedding,
    @Doc("Recurrent cell: {type: NAME, ...cell config}.") @Required @Plugin("cell") PluginSpec cell,
    @Doc("Number of stacked recurrent layers.") @Default("1") int layers,
    @Doc("Hidden units H per layer and direction.") @Required int hiddenSize,
    @Doc("Run every layer in both directions and concatenate (PyTorch's bidirectional).")
        @Default("false") boolean bidirectional,
    @Doc("Dropout probability on the outputs of each layer except the last (PyTorch semantics).")
        @Default("0.0") double dropout,
    @Doc("Output layer applied to the scored steps.") @Default("{}") HeadSpec head) {

  /** Rejects sizes and probabilities outside their ranges. */
  public ModelSpec {
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be >= 1, got " + layers);
    }
    if (hiddenSize < 1) {
      throw new IllegalArgumentException("hidden_size must be >= 1, got " + hiddenSize);
    }
    if (inputSize != null && inputSize < 1) {
      throw new IllegalArgumentException("input_size must be >= 1, got " + inputSize);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }
}
