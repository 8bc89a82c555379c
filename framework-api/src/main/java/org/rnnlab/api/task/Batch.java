package org.rnnlab.api.task;

import java.util.Arrays;
import org.rnnlab.api.tensor.Tensor;

/**
 * One batch of {@code B} sequences, batch first. With {@code T} = {@link TaskShape#seqLen()},
 * {@code I} = {@link TaskShape#inputSize()}, {@code O} = {@link TaskShape#outputSize()} and
 * {@code N} = {@link TaskShape#targetRows(int)}:
 *
 * <ul>
 *   <li>{@code x [B, T, I]} float32 input (one-hot for symbolic tasks; zeros on padding);
 *   <li>{@code tokens [B * T]} input token ids, row {@code b * T + t}, or null for real-valued
 *       input;
 *   <li>{@code target}: {@code [N, O]} float32 for {@link TargetKind#REGRESSION}, {@code [N]}
 *       class indices stored as float32 for {@link TargetKind#CLASS_INDEX}; for
 *       {@link OutputMode#EVERY_STEP} row {@code b * T + t} belongs to step {@code t} of
 *       sequence {@code b};
 *   <li>{@code mask [N]} row weights in {0, 1}, or null when every row counts;
 *   <li>{@code lengths [B]} valid steps of each sequence, in {@code [1, T]}.
 * </ul>
 *
 * @param x inputs
 * @param tokens token ids or null
 * @param target targets
 * @param mask row weights or null
 * @param lengths valid lengths
 */
public record Batch(Tensor x, int[] tokens, Tensor target, Tensor mask, int[] lengths) {

  /** Checks that the parts agree with each other on {@code B} and {@code T}. */
  public Batch {
    if (x.rank() != 3) {
      throw new IllegalArgumentException("x: expected shape [B, T, I] but got " + x);
    }
    int b = x.dim(0);
    int t = x.dim(1);
    if (lengths.length != b) {
      throw new IllegalArgumentException(
          "lengths: expected " + b + " entries (B) but got " + lengths.length);
    }
    for (int len : lengths) {
      if (len < 1 || len > t) {
        throw new IllegalArgumentException(
            "lengths: each must be in [1, " + t + "], got " + Arrays.toString(lengths));
      }
    }
    if (tokens != null && tokens.length != b * t) {
      throw new IllegalArgumentException(
          "tokens: expected " + b * t + " ids (B*T) but got " + tokens.length);
    }
    if (mask != null && (mask.rank() != 1 || mask.dim(0) != target.dim(0))) {
      throw new IllegalArgumentException(
          "mask: expected shape [" + target.dim(0) + "] (target rows) but got " + mask);
    }
  }

  /** @return {@code B}, the number of sequences */
  public int batchSize() {
    return x.dim(0);
  }
}
