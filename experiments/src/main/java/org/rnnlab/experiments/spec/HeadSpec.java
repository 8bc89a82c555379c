package org.rnnlab.experiments.spec;

import org.rnnlab.api.config.Doc;

/**
 * The output layer.
 *
 * @param type head kind; {@code linear} is the only one so far
 * @param outputSize outputs per scored step, or null to take the task's
 */
public record HeadSpec(
    @Doc("Head kind: linear (y = W h + b).") @Default("linear") String type,
    @Doc("Outputs per scored step; omit to use the task's (must match it when given).") Integer outputSize) {

  /** The head kinds the trainer builds. */
  public static final java.util.List<String> TYPES = java.util.List.of("linear");

  /** Rejects a non-positive size. */
  public HeadSpec {
    if (outputSize != null && outputSize < 1) {
      throw new IllegalArgumentException("output_size must be >= 1, got " + outputSize);
    }
  }
}
