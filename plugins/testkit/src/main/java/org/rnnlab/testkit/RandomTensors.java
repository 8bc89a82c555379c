package org.rnnlab.testkit;

import java.util.SplittableRandom;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/** Seeded random test data: every value from the {@link SplittableRandom} passed in. */
public final class RandomTensors {
  private RandomTensors() {}

  /**
   * @param rng the stream
   * @param dtype element type
   * @param scale half-width of the range
   * @param shape dimensions
   * @return a tensor of values uniform in {@code [-scale, scale)}
   */
  public static Tensor uniform(SplittableRandom rng, DType dtype, double scale, int... shape) {
    Tensor t = Tensor.zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, rng.nextDouble(-scale, scale));
    }
    return t;
  }

  /**
   * @param rng the stream
   * @param count number of tensors
   * @param scale half-width of the range
   * @param shape dimensions of each
   * @return {@code count} FLOAT64 uniform tensors
   */
  public static Tensor[] uniformSet(SplittableRandom rng, int count, double scale, int... shape) {
    Tensor[] out = new Tensor[count];
    for (int k = 0; k < count; k++) {
      out[k] = uniform(rng, DType.FLOAT64, scale, shape);
    }
    return out;
  }
}
