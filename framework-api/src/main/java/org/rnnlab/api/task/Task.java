package org.rnnlab.api.task;

import java.util.SplittableRandom;

/**
 * A source of sequence batches for one learning problem.
 *
 * <p><b>Determinism:</b> {@link #sample} draws every random number from the {@code rng} it is
 * given and from nothing else, so the same generator state gives the same batch, bit for bit.
 * The trainer derives train and eval generators from disjoint seed streams, so the two splits
 * never share a sequence by construction of the streams, not by bookkeeping.
 *
 * <p><b>Thread-safety:</b> implementations are immutable; concurrent calls with distinct
 * generators are safe.
 */
public interface Task {

  /** @return the sizes and target kind of every batch this task produces */
  TaskShape shape();

  /**
   * Draws one batch.
   *
   * @param batchSize {@code B}, at least 1
   * @param rng the only source of randomness used
   * @return a new batch (fresh arrays, owned by the caller)
   * @throws IllegalArgumentException when {@code batchSize < 1}
   */
  Batch sample(int batchSize, SplittableRandom rng);

  /**
   * @return the expected loss of the best predictor that ignores the informative inputs (the
   *     number a model must beat to have learned anything), in the loss of {@link
   *     #baselineDescription()}
   */
  double baselineLoss();

  /** @return which predictor and loss {@link #baselineLoss()} refers to, one sentence */
  String baselineDescription();
}
