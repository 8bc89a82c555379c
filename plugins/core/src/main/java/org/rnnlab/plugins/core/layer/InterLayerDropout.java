package org.rnnlab.plugins.core.layer;

import java.util.SplittableRandom;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Inverted dropout on the output of every layer except the last (as {@code torch.nn.LSTM}'s
 * {@code dropout}): during training each element is kept with probability {@code 1 - p} and scaled
 * by {@code 1 / (1 - p)}, so evaluation needs no rescaling. The masks of the last forward pass
 * are kept for backward. Randomness comes only from the stream given to {@link #sample}; the
 * draw order is layer, then time, then batch row, then unit.
 */
final class InterLayerDropout {
  private final double p;
  private Tensor[] masks;
  private boolean active;

  InterLayerDropout(double p) {
    this.p = p;
  }

  /** Allocates one {@code [T, B, W]} mask per layer boundary (for layers {@code 1..L-1}). */
  void allocate(DType dtype, int layers, int steps, int batch, int width) {
    masks = new Tensor[layers];
    for (int l = 1; l < layers; l++) {
      masks[l] = Tensor.zeros(dtype, steps, batch, width);
    }
  }

  /**
   * Starts a forward pass: training when {@code rng} is non-null and {@code p > 0}.
   *
   * @param rng training dropout stream, or null for evaluation
   */
  void begin(SplittableRandom rng) {
    active = rng != null && p > 0;
    if (active) {
      double keep = 1 / (1 - p);
      for (Tensor m : masks) {
        if (m != null) {
          for (int i = 0, n = m.size(); i < n; i++) {
            m.set(i, rng.nextDouble() < p ? 0 : keep);
          }
        }
      }
    }
  }

  /** {@code in = mask[l] * out} in training, {@code in = out} in evaluation. */
  void forward(KernelOps ops, int layer, Tensor out, Tensor in) {
    if (active) {
      ops.mul(out, masks[layer], in);
    } else {
      in.copyFrom(out);
    }
  }

  /** {@code grad *= mask[l]} in training (in place); nothing in evaluation. */
  void backward(KernelOps ops, int layer, Tensor grad) {
    if (active) {
      ops.mul(grad, masks[layer], grad);
    }
  }
}
