package org.rnnlab.plugins.cell;

import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.tensor.Tensor;

/** Argument checks shared by the built-in cells: every tensor of a step has its exact shape. */
final class StepShapes {
  private StepShapes() {}

  /**
   * Checks {@code x [B, I]} and every state tensor {@code [B, H]}, with {@code B} taken from the
   * cache.
   *
   * @param shape the cell's shape
   * @param batch rows the cache was made for
   * @param x the step input
   * @param states state arrays to check ({@code prev}, {@code next}, {@code dNext}, ...)
   * @param names their names for messages
   */
  static void check(CellShape shape, int batch, Tensor x, Tensor[][] states, String... names) {
    Tensor.requireShape("x", x, batch, shape.inputSize());
    for (int s = 0; s < states.length; s++) {
      Tensor[] group = states[s];
      for (int k = 0; k < group.length; k++) {
        Tensor.requireShape(names[s] + "[" + k + "]", group[k], batch, shape.hiddenSize());
      }
    }
  }

  /**
   * @param expected the cell's state count
   * @param states the state array given
   * @param name its name for the message
   */
  static void checkCount(int expected, Tensor[] states, String name) {
    if (states.length != expected) {
      throw new IllegalArgumentException(
          name + ": expected " + expected + " state tensors but got " + states.length);
    }
  }
}
