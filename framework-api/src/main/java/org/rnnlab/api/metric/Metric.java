package org.rnnlab.api.metric;

import org.rnnlab.api.tensor.Tensor;

/**
 * An evaluation measure over {@code N} rows, with the same shapes as {@link
 * org.rnnlab.api.loss.Loss}: {@code prediction [N, D]}, {@code target [N, D]} or {@code [N]},
 * {@code mask [N]} or null. <b>Stateless and thread-safe.</b>
 */
public interface Metric {

  /**
   * @param prediction model outputs
   * @param target targets
   * @param mask row weights or null
   * @return the metric value over unmasked rows
   */
  double compute(Tensor prediction, Tensor target, Tensor mask);

  /** @return true when larger values are better (accuracy), false otherwise (error rates) */
  boolean higherIsBetter();
}
