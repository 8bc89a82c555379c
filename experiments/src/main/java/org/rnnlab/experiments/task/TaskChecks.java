package org.rnnlab.experiments.task;

import java.util.Arrays;

/** Argument checks and small helpers shared by the built-in tasks. */
final class TaskChecks {
  private TaskChecks() {}

  static void requireBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }

  static int[] fullLengths(int batchSize, int seqLen) {
    int[] lengths = new int[batchSize];
    Arrays.fill(lengths, seqLen);
    return lengths;
  }
}
