package org.rnnlab.testkit;

import java.util.Arrays;
import java.util.List;
import org.rnnlab.plugins.core.layer.Truncation;

/**
 * One configuration of the recurrent stack under which {@link StackGradientCheck} checks a cell.
 * The sequence length {@code T} is the largest entry of {@code lengths}.
 *
 * @param name short description used in reports
 * @param layers stacked layers
 * @param bidirectional two directions
 * @param lengths valid length of each batch row (the batch size is its length)
 * @param dropout dropout between layers; checked with a fixed seed, so the mask is constant
 * @param truncation TBPTT, or null for full BPTT
 */
public record StackCase(String name, int layers, boolean bidirectional, int[] lengths,
    double dropout, Truncation truncation) {

  /** Copies the lengths. */
  public StackCase {
    lengths = lengths.clone();
  }

  /** @return {@code T}, the longest length */
  public int steps() {
    return Arrays.stream(lengths).max().orElseThrow();
  }

  /** @return the lengths (a copy) */
  @Override
  public int[] lengths() {
    return lengths.clone();
  }

  /**
   * @return the cases every registered cell goes through: 2 layers with both directions, uneven
   *     lengths and non-zero initial states; dropout with a fixed mask; chunked TBPTT(2, 2) and
   *     overlapping TBPTT(2, 3)
   */
  public static List<StackCase> standard() {
    return List.of(
        new StackCase("2 layers, bidirectional, uneven lengths", 2, true, new int[] {5, 2, 4}, 0, null),
        new StackCase("2 layers, dropout 0.4 with a fixed mask", 2, false, new int[] {5, 3, 4}, 0.4, null),
        new StackCase("TBPTT(2, 2), 2 layers, uneven lengths", 2, false, new int[] {6, 2, 5}, 0,
            Truncation.chunked(2)),
        new StackCase("TBPTT(2, 3), 2 layers, uneven lengths", 2, false, new int[] {6, 2, 5}, 0,
            new Truncation(2, 3)));
  }
}
