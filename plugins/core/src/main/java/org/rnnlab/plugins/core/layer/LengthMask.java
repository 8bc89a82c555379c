package org.rnnlab.plugins.core.layer;

import java.util.Arrays;
import org.rnnlab.api.tensor.Tensor;

/**
 * Variable sequence lengths, handled the simple way: every step runs for every row, and a row
 * whose sequence has ended ({@code t >= length}) keeps its previous state. Its output is zero and
 * in backward the state gradient passes through unchanged while its cell receives zero gradient.
 * This gives exactly PyTorch's packed-sequence results: the final state is the state at the last
 * valid step, and the reverse direction starts at each row's last valid step.
 */
final class LengthMask {
  private final int[] lengths;
  private final int steps;

  /**
   * @param lengths valid length of each row, or null when every row has all {@code T} steps
   * @param steps {@code T}
   */
  LengthMask(int[] lengths, int steps) {
    this.steps = steps;
    this.lengths = lengths == null || Arrays.stream(lengths).allMatch(n -> n == steps)
        ? null : lengths.clone();
  }

  /** @return true when some row is shorter than {@code T} */
  boolean any() {
    return lengths != null;
  }

  /** @return the number of valid steps of row {@code b} */
  int length(int b) {
    return lengths == null ? steps : lengths[b];
  }

  /** @return true when row {@code b} has a valid step at time {@code t} */
  boolean active(int t, int b) {
    return lengths == null || t < lengths[b];
  }

  /** For rows ended at time {@code t}: copies each {@code from[k]} row into {@code into[k]}. */
  void keepInactive(int t, Tensor[] from, Tensor[] into) {
    if (lengths == null) {
      return;
    }
    for (int b = 0; b < lengths.length; b++) {
      if (t >= lengths[b]) {
        for (int k = 0; k < from.length; k++) {
          Layout.copyRow(from[k], into[k], b);
        }
      }
    }
  }

  /** For rows ended at time {@code t}: zeroes each row of {@code ts[k] [B, W]}. */
  void zeroInactive(int t, Tensor[] ts) {
    if (lengths == null) {
      return;
    }
    for (int b = 0; b < lengths.length; b++) {
      if (t >= lengths[b]) {
        for (Tensor x : ts) {
          Layout.zeroRow(x, b);
        }
      }
    }
  }
}
