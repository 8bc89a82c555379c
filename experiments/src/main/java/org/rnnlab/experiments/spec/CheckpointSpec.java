package org.rnnlab.experiments.spec;

import org.rnnlab.api.config.Doc;

/**
 * Checkpointing.
 *
 * @param every steps between checkpoints, 0 for only the final one
 * @param keepLast newest checkpoints kept on disk
 */
public record CheckpointSpec(
    @Doc("Steps between checkpoints; 0 writes only the final one.") @Default("1000") long every,
    @Doc("How many of the newest checkpoints to keep.") @Default("3") int keepLast) {

  /** Rejects negative cadence and keeping nothing. */
  public CheckpointSpec {
    if (every < 0 || keepLast < 1) {
      throw new IllegalArgumentException("checkpoint needs every >= 0 and keep_last >= 1, got every="
          + every + " keep_last=" + keepLast);
    }
  }
}
