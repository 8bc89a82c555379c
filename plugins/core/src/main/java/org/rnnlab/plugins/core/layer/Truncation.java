package org.rnnlab.plugins.core.layer;

import java.util.ArrayList;
import java.util.List;

/**
 * Truncated back-propagation through time, TBPTT(k1, k2) of Williams &amp; Peng 1990: every
 * {@code k1} steps, back-propagate {@code k2} steps, injecting the output errors of the last
 * {@code k1} steps only.
 *
 * <p>Precisely, for a sequence of {@code T} steps, block {@code j = 1, 2, ...} ends at
 * {@code e = min(j*k1, T)}. Its window is the steps {@code [max(0, e - k2), e)}; the output
 * gradients of the block's own steps {@code [(j-1)*k1, e)} enter the window (and, for the last block, the gradients
 * of the final states at {@code e = T}); the state entering the window is treated as a constant.
 * The parameter gradient is the sum over all blocks, with the weights held fixed during the
 * sequence. {@code k1 == k2} is plain chunked TBPTT (independent chunks of {@code k1} steps with
 * detached states between them); {@code k1 == k2 >= T} is full BPTT. When {@code k2 > k1} the
 * windows overlap, so a step's {@link org.rnnlab.api.cell.Cell#backward} runs more than once on
 * the same cache: cells must leave their cached forward values unchanged in backward.
 *
 * <p>Truncation is defined along one time direction, so a bidirectional stack rejects it.
 *
 * @param k1 steps between truncated backward passes, {@code >= 1}
 * @param k2 steps each backward pass covers, {@code >= k1}
 */
public record Truncation(int k1, int k2) {

  /** Rejects {@code k1 < 1} and {@code k2 < k1} (errors older than k2 steps would be dropped). */
  public Truncation {
    if (k1 < 1 || k2 < k1) {
      throw new IllegalArgumentException(
          "TBPTT(k1, k2) needs 1 <= k1 <= k2, got k1=" + k1 + " k2=" + k2 + ".");
    }
  }

  /**
   * Plain chunked TBPTT.
   *
   * @param k steps per chunk
   * @return {@code TBPTT(k, k)}
   */
  public static Truncation chunked(int k) {
    return new Truncation(k, k);
  }

  /**
   * One backward pass: steps {@code [start, end)}, output gradients injected from {@code inject}.
   *
   * @param start first step of the window (the state before it is a constant)
   * @param inject first step whose output gradient is injected
   * @param end one past the last step
   */
  public record Window(int start, int inject, int end) {}

  /**
   * @param steps sequence length {@code T}
   * @return the windows of this truncation, in time order
   */
  public List<Window> windows(int steps) {
    List<Window> out = new ArrayList<>();
    for (int inject = 0; inject < steps; inject += k1) {
      int end = Math.min(inject + k1, steps);
      out.add(new Window(Math.max(0, end - k2), inject, end));
    }
    return out;
  }

  /**
   * @param steps sequence length {@code T}
   * @return the single window of full BPTT
   */
  static List<Window> full(int steps) {
    return List.of(new Window(0, 0, steps));
  }
}
