package org.rnnlab.experiments.checkpoint;

import java.lang.reflect.Array;
import java.util.Arrays;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Converts between rnnlab's flat row-major tensors and the nested Java arrays jhdf reads and
 * writes ({@code float[][]} for a matrix). Rank-0 tensors are written as rank-1 of length 1 is
 * not done: jhdf scalars are boxed values, handled here too.
 */
final class Hdf5Arrays {
  private Hdf5Arrays() {}

  /**
   * @param t a tensor of any rank (rank 0 becomes a boxed scalar)
   * @return a nested primitive array with the tensor's shape, or a boxed scalar
   */
  static Object toNested(Tensor t) {
    int[] shape = t.shape();
    if (shape.length == 0) {
      return t.dtype() == DType.FLOAT32 ? (Object) Float.valueOf((float) t.get(0)) : Double.valueOf(t.get(0));
    }
    Object flat = t.dtype() == DType.FLOAT32 ? t.toFloatArray() : t.toDoubleArray();
    return nest(flat, 0, shape, 0);
  }

  private static Object nest(Object flat, int offset, int[] shape, int dim) {
    int n = shape[dim];
    if (dim == shape.length - 1) {
      Object row = Array.newInstance(flat.getClass().getComponentType(), n);
      System.arraycopy(flat, offset, row, 0, n);
      return row;
    }
    int stride = Tensor.sizeOf(Arrays.copyOfRange(shape, dim + 1, shape.length));
    Object first = nest(flat, offset, shape, dim + 1);
    Object out = Array.newInstance(first.getClass(), n);
    Array.set(out, 0, first);
    for (int i = 1; i < n; i++) {
      Array.set(out, i, nest(flat, offset + i * stride, shape, dim + 1));
    }
    return out;
  }

  /**
   * @param name the dataset path, for messages
   * @param data what jhdf's {@code getDataFlat()} returned (a primitive array, or a boxed scalar)
   * @param shape the dataset's dimensions
   * @return a tensor of that shape (float32 for float data, float64 for double data)
   * @throws CheckpointException when the element type is neither float nor double
   */
  static Tensor fromFlat(String name, Object data, int[] shape) {
    if (data instanceof float[] f) {
      return Tensor.wrap(f, shape);
    }
    if (data instanceof double[] d) {
      return Tensor.wrap(d, shape);
    }
    if (data instanceof Float f) {
      return Tensor.wrap(new float[] {f}, shape);
    }
    if (data instanceof Double d) {
      return Tensor.wrap(new double[] {d}, shape);
    }
    throw new CheckpointException(name + ": expected float32 or float64 data, got "
        + (data == null ? "nothing" : data.getClass().getSimpleName()), null);
  }
}
