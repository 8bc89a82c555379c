package org.rnnlab.experiments.spec;

import org.rnnlab.api.config.Doc;

/**
 * Truncated back-propagation through time in Williams &amp; Peng's 1990 notation: every
 * {@code k1} forward steps, back-propagate over the last {@code k2} steps.
 *
 * @param k1 forward steps between backward passes
 * @param k2 steps each backward pass covers
 */
public record TruncatedBpttSpec(
    @Doc("Forward steps between two backward passes.") @Required int k1,
    @Doc("Steps each backward pass reaches back (k2 >= k1).") @Required int k2) {

  /** Requires {@code 1 <= k1 <= k2}. */
  public TruncatedBpttSpec {
    if (k1 < 1 || k2 < k1) {
      throw new IllegalArgumentException("truncated_bptt needs 1 <= k1 <= k2, got k1=" + k1 + " k2=" + k2);
    }
  }
}
