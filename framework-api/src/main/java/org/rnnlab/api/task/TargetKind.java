package org.rnnlab.api.task;

/** How targets are encoded, which decides the compatible losses. */
public enum TargetKind {
  /** real-valued targets with {@code outputSize} columns (MSE-style losses) */
  REGRESSION,
  /** class indices in {@code [0, outputSize)} stored as numbers (cross-entropy) */
  CLASS_INDEX
}
