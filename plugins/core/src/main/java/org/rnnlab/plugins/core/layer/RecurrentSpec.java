package org.rnnlab.plugins.core.layer;

/**
 * The shape of a {@link RecurrentStack}, as the constructor arguments of {@code torch.nn.LSTM}.
 *
 * @param inputSize {@code I}, features per time step of the stack's input
 * @param hiddenSize {@code H}, hidden units of every layer and direction
 * @param numLayers {@code L}, stacked layers; layer {@code l > 0} reads the {@code D*H} outputs of
 *     layer {@code l - 1}
 * @param bidirectional {@code D = 2} when true: each layer also runs a cell over reversed time and
 *     concatenates its outputs after the forward direction's
 * @param dropout probability of zeroing an output of every layer except the last during training,
 *     in {@code [0, 1)}
 */
public record RecurrentSpec(int inputSize, int hiddenSize, int numLayers, boolean bidirectional,
    double dropout) {

  /** Rejects non-positive sizes and a dropout outside {@code [0, 1)}. */
  public RecurrentSpec {
    if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0) {
      throw new IllegalArgumentException(
          "A recurrent stack needs inputSize, hiddenSize and numLayers > 0, got inputSize="
              + inputSize + " hiddenSize=" + hiddenSize + " numLayers=" + numLayers + ".");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout + ".");
    }
  }

  /** @return {@code D}: 2 when bidirectional, else 1 */
  public int directions() {
    return bidirectional ? 2 : 1;
  }

  /**
   * @param layer layer index
   * @return the input width of that layer: {@code I} for layer 0, {@code D*H} above
   */
  public int layerInputSize(int layer) {
    return layer == 0 ? inputSize : directions() * hiddenSize;
  }
}
