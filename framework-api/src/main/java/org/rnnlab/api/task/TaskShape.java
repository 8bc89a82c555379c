package org.rnnlab.api.task;

/**
 * What a task's batches look like; the model is sized from it.
 *
 * @param seqLen {@code T}, time steps per sequence (the padded length when lengths vary)
 * @param inputSize {@code I}, features per time step of {@link Batch#x()}
 * @param vocabSize number of distinct input tokens when the input is symbolic (then {@link
 *     Batch#tokens()} is set and {@code x} is its one-hot encoding, {@code I == vocabSize}); 0
 *     for real-valued input
 * @param outputSize {@code O}: regression outputs per scored step, or number of classes
 * @param outputMode which steps are scored
 * @param targetKind how targets are encoded
 */
public record TaskShape(int seqLen, int inputSize, int vocabSize, int outputSize,
    OutputMode outputMode, TargetKind targetKind) {

  /** Rejects sizes that cannot describe a batch. */
  public TaskShape {
    if (seqLen < 1 || inputSize < 1 || outputSize < 1 || vocabSize < 0) {
      throw new IllegalArgumentException(
          "A task shape needs seqLen, inputSize, outputSize >= 1 and vocabSize >= 0, got seqLen="
              + seqLen + " inputSize=" + inputSize + " outputSize=" + outputSize
              + " vocabSize=" + vocabSize + ".");
    }
    if (vocabSize > 0 && vocabSize != inputSize) {
      throw new IllegalArgumentException(
          "A symbolic task's one-hot input has inputSize == vocabSize, got inputSize=" + inputSize
              + " vocabSize=" + vocabSize + ".");
    }
  }

  /** @return the number of target rows {@code N} for a batch of {@code batchSize} sequences */
  public int targetRows(int batchSize) {
    return outputMode == OutputMode.LAST_STEP ? batchSize : batchSize * seqLen;
  }
}
