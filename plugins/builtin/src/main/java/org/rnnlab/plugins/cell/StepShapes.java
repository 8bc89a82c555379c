package org.rnnlab.plugins.cell;

import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.tensor.Tensor;

/**
 * Argument checks shared by the built-in cells: every tensor of a step has its exact shape. The
 * fast path compares dimensions without allocating, since the checks run at every time step.
 */
final class StepShapes {
  private StepShapes() {}

  /**
   * Checks that {@code states} holds {@code count} tensors of shape {@code [B, H]}.
   *
   * @param shape the cell's shape
   * @param count the cell's state count
   * @param batch rows the cache was made for
   * @param states the state array ({@code prev}, {@code next}, {@code dNext}, ...)
   * @param name its name for messages
   */
  static void checkStates(CellShape shape, int count, int batch, Tensor[] states, String name) {
    checkCount(count, states, name);
    for (int k = 0; k < count; k++) {
      if (states[k] == null || states[k].rank() != 2 || states[k].dim(0) != batch
          || states[k].dim(1) != shape.hiddenSize()) {
        Tensor.requireShape(name + "[" + k + "]", states[k], batch, shape.hiddenSize());
      }
    }
  }

  /**
   * Checks {@code x [B, I]} (or {@code dx}).
   *
   * @param shape the cell's shape
   * @param batch rows the cache was made for
   * @param x the tensor
   * @param name its name for messages
   */
  static void checkInput(CellShape shape, int batch, Tensor x, String name) {
    if (x == null || x.rank() != 2 || x.dim(0) != batch || x.dim(1) != shape.inputSize()) {
      Tensor.requireShape(name, x, batch, shape.inputSize());
    }
  }

  /**
   * @param expected the cell's state count
   * @param states the state array given
   * @param name its name for the message
   */
  private static void checkCount(int expected, Tensor[] states, String name) {
    if (states.length != expected) {
      throw new IllegalArgumentException(
          name + ": expected " + expected + " state tensors but got " + states.length);
    }
  }
}
