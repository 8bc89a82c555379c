package org.rnnlab.experiments.bench;

/**
 * The float32 bytes a training step cannot do without, for the built-in cells: what BPTT must
 * keep from the forward pass (the saved activations, the input) plus parameters and their
 * gradients. Per layer, per {@code (t, b)}:
 *
 * <pre>
 *   lstm      gates i|f|g|o (4H) + c (H) + h (H)          = 6H
 *   gru       gates r|z|n (3H) + W_hn h + b_hn (H) + h (H) = 5H
 *   rnn_*     h (H)                                        =  H
 * </pre>
 *
 * plus the layer input {@code T·B·I} (x for layer 0, the layer below's h otherwise, already
 * counted), and {@code 2·G·H·(I + H + 2)} for weights, biases and their gradients.
 * Bytes are {@code 4·} those counts. PyTorch's fused CPU kernels keep the same set.
 */
public final class ActivationBudget {
  private ActivationBudget() {}

  /**
   * @param spec sizes
   * @return required bytes, or -1 when the cell is not one of the built-in ones
   */
  public static long bytes(BenchSpec spec) {
    int perUnit;
    int gates;
    switch (spec.cell()) {
      case "lstm" -> {
        perUnit = 6;
        gates = 4;
      }
      case "gru" -> {
        perUnit = 5;
        gates = 3;
      }
      case "rnn_tanh", "rnn_relu" -> {
        perUnit = 1;
        gates = 1;
      }
      default -> {
        return -1;
      }
    }
    long rows = (long) spec.steps() * spec.batch();
    long h = spec.hidden();
    long floats = rows * spec.input() + spec.layers() * rows * perUnit * h;
    for (int l = 0; l < spec.layers(); l++) {
      long in = l == 0 ? spec.input() : h;
      floats += 2 * gates * h * (in + h + 2);
    }
    return 4 * floats;
  }

  /**
   * The bytes of the training step's own output-side tensors, outside the layer: the target, the
   * output {@code y} and its gradient {@code dy}, each {@code [B, T, H]} float32 (the bench's
   * stack is unidirectional). A step that keeps the three apart, as {@link TrainingStep} and
   * PyTorch's {@code bench/torch_step.py} do, needs at least {@code bytes + stepTensorBytes}
   * whatever its layer does.
   *
   * @param spec sizes
   * @return {@code 3·4·T·B·H}
   */
  public static long stepTensorBytes(BenchSpec spec) {
    return 3L * 4 * spec.steps() * spec.batch() * spec.hidden();
  }

  /** @return the formula behind {@link #bytes} for {@code cell}, for reports */
  public static String formula(String cell) {
    return switch (cell) {
      case "lstm" -> "4*(T*B*I + L*T*B*6H + 2*4H*(I+H+2))";
      case "gru" -> "4*(T*B*I + L*T*B*5H + 2*3H*(I+H+2))";
      case "rnn_tanh", "rnn_relu" -> "4*(T*B*I + L*T*B*H + 2*H*(I+H+2))";
      default -> "n/a";
    };
  }
}
