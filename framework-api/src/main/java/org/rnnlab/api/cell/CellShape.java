package org.rnnlab.api.cell;

import org.rnnlab.api.tensor.DType;

/**
 * The sizes a cell is built for.
 *
 * @param inputSize {@code I}, features per time step entering the cell
 * @param hiddenSize {@code H}, units of the hidden state
 * @param dtype element type of parameters and activations
 */
public record CellShape(int inputSize, int hiddenSize, DType dtype) {
  /** Rejects non-positive sizes. */
  public CellShape {
    if (inputSize <= 0 || hiddenSize <= 0) {
      throw new IllegalArgumentException(
          "A cell needs inputSize > 0 and hiddenSize > 0, got inputSize=" + inputSize
              + " hiddenSize=" + hiddenSize + ".");
    }
  }
}
