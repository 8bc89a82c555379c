package org.rnnlab.api.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorCopyRangeTest {
  @Test
  void copiesARangeBetweenViewsRelativeToTheirOffsets() {
    for (DType dtype : DType.values()) {
      Tensor src = Tensor.zeros(dtype, 3, 4);
      for (int i = 0; i < src.size(); i++) {
        src.set(i, i + 1);
      }
      Tensor dst = Tensor.zeros(dtype, 2, 5);
      // row 1 of src, elements 1..2, into row 1 of dst at column 3
      Tensor.copyRange(src.slice(1), 1, dst.slice(1), 3, 2);
      assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 6, 7}, dst.toDoubleArray(), 0,
          dtype.toString());
    }
  }

  @Test
  void differentDtypesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Tensor.copyRange(
        Tensor.zeros(DType.FLOAT32, 2), 0, Tensor.zeros(DType.FLOAT64, 2), 0, 2));
  }
}
