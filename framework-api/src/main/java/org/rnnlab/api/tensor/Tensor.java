package org.rnnlab.api.tensor;

import java.util.Arrays;

/**
 * A dense, row-major, contiguous n-dimensional array of {@code float} or {@code double}.
 *
 * <p>A tensor is a window {@code [offset, offset + size)} on a storage array. {@link #view} and
 * {@link #slice} create windows that share storage, so a time step of a time-major sequence
 * {@code [T, B, H]} is {@code seq.slice(t)} of shape {@code [B, H]} with no copy. Kernels read the
 * storage directly through {@link #floats()} / {@link #doubles()} and {@link #offset()}.
 *
 * <p><b>Not thread-safe.</b> Tensors are mutable; parallel kernels write disjoint blocks only.
 */
public final class Tensor {
  private final DType dtype;
  private final int[] shape;
  private final int size;
  private final int offset;
  private final float[] floats;
  private final double[] doubles;

  private Tensor(DType dtype, int[] shape, int offset, float[] floats, double[] doubles) {
    this.dtype = dtype;
    this.shape = shape.clone();
    this.size = sizeOf(this.shape);
    this.offset = offset;
    this.floats = floats;
    this.doubles = doubles;
    int capacity = floats != null ? floats.length : doubles.length;
    if (offset < 0 || offset + size > capacity) {
      throw new IllegalArgumentException(
          "view " + Arrays.toString(shape) + " at offset " + offset
              + " does not fit in storage of " + capacity + " elements");
    }
  }

  /**
   * A new zero-filled tensor.
   *
   * @param dtype element type
   * @param shape dimensions, each {@code >= 0}
   * @return the tensor
   */
  public static Tensor zeros(DType dtype, int... shape) {
    int n = sizeOf(shape);
    return dtype == DType.FLOAT32
        ? new Tensor(dtype, shape, 0, new float[n], null)
        : new Tensor(dtype, shape, 0, null, new double[n]);
  }

  /**
   * Wraps (does not copy) a float array.
   *
   * @param data storage, length must equal the product of {@code shape}
   * @param shape dimensions
   * @return a FLOAT32 tensor backed by {@code data}
   */
  public static Tensor wrap(float[] data, int... shape) {
    requireLength(data.length, shape);
    return new Tensor(DType.FLOAT32, shape, 0, data, null);
  }

  /**
   * Wraps (does not copy) a double array.
   *
   * @param data storage, length must equal the product of {@code shape}
   * @param shape dimensions
   * @return a FLOAT64 tensor backed by {@code data}
   */
  public static Tensor wrap(double[] data, int... shape) {
    requireLength(data.length, shape);
    return new Tensor(DType.FLOAT64, shape, 0, null, data);
  }

  /**
   * A new tensor of the given type holding {@code values} (rounded when the type is FLOAT32).
   *
   * @param dtype element type
   * @param values values in row-major order
   * @param shape dimensions
   * @return the tensor
   */
  public static Tensor of(DType dtype, double[] values, int... shape) {
    requireLength(values.length, shape);
    Tensor t = zeros(dtype, shape);
    for (int i = 0; i < values.length; i++) {
      t.set(i, values[i]);
    }
    return t;
  }

  /** @return the element type */
  public DType dtype() {
    return dtype;
  }

  /** @return a copy of the dimensions */
  public int[] shape() {
    return shape.clone();
  }

  /** @return the number of dimensions */
  public int rank() {
    return shape.length;
  }

  /**
   * @param axis dimension index
   * @return the length of that dimension
   */
  public int dim(int axis) {
    return shape[axis];
  }

  /** @return the number of elements */
  public int size() {
    return size;
  }

  /** @return the index of element 0 in the storage array */
  public int offset() {
    return offset;
  }

  /** @return the storage array of a FLOAT32 tensor (shared, starting at {@link #offset()}) */
  public float[] floats() {
    if (floats == null) {
      throw new IllegalStateException("tensor is " + dtype + ", not FLOAT32");
    }
    return floats;
  }

  /** @return the storage array of a FLOAT64 tensor (shared, starting at {@link #offset()}) */
  public double[] doubles() {
    if (doubles == null) {
      throw new IllegalStateException("tensor is " + dtype + ", not FLOAT64");
    }
    return doubles;
  }

  /**
   * @param i flat row-major index in {@code [0, size)}
   * @return element {@code i} widened to double
   */
  public double get(int i) {
    return floats != null ? floats[offset + i] : doubles[offset + i];
  }

  /**
   * Sets element {@code i} (rounded to float for FLOAT32).
   *
   * @param i flat row-major index
   * @param value new value
   */
  public void set(int i, double value) {
    if (floats != null) {
      floats[offset + i] = (float) value;
    } else {
      doubles[offset + i] = value;
    }
  }

  /**
   * Adds to element {@code i}.
   *
   * @param i flat row-major index
   * @param value amount to add
   */
  public void add(int i, double value) {
    if (floats != null) {
      floats[offset + i] += (float) value;
    } else {
      doubles[offset + i] += value;
    }
  }

  /**
   * A window on the same storage.
   *
   * @param elementOffset first element of the window, relative to this tensor
   * @param newShape shape of the window
   * @return a tensor sharing storage with this one
   */
  public Tensor view(int elementOffset, int... newShape) {
    int n = sizeOf(newShape);
    if (elementOffset < 0 || elementOffset + n > size) {
      throw new IllegalArgumentException(
          "view of " + Arrays.toString(newShape) + " at " + elementOffset
              + " exceeds tensor of shape " + Arrays.toString(shape));
    }
    return new Tensor(dtype, newShape, offset + elementOffset, floats, doubles);
  }

  /**
   * Same storage, new shape of equal size.
   *
   * @param newShape dimensions with the same product as {@link #shape()}
   * @return the reshaped view
   */
  public Tensor reshape(int... newShape) {
    if (sizeOf(newShape) != size) {
      throw new IllegalArgumentException(
          "cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
    }
    return view(0, newShape);
  }

  /**
   * Index along dimension 0: for shape {@code [T, B, H]}, {@code slice(t)} is {@code [B, H]}.
   *
   * @param index index along dimension 0
   * @return a view of rank {@code rank() - 1}
   */
  public Tensor slice(int index) {
    if (shape.length == 0 || index < 0 || index >= shape[0]) {
      throw new IndexOutOfBoundsException(
          "slice " + index + " of tensor with shape " + Arrays.toString(shape));
    }
    int[] rest = Arrays.copyOfRange(shape, 1, shape.length);
    return view(index * sizeOf(rest), rest);
  }

  /**
   * Rows {@code [from, to)} along dimension 0, as a view.
   *
   * @param from first index (inclusive)
   * @param to last index (exclusive)
   * @return view of shape {@code [to - from, ...]}
   */
  public Tensor narrow(int from, int to) {
    int[] s = shape.clone();
    int stride = shape[0] == 0 ? 0 : size / shape[0];
    s[0] = to - from;
    return view(from * stride, s);
  }

  /** Sets every element to {@code value}. */
  public void fill(double value) {
    if (floats != null) {
      Arrays.fill(floats, offset, offset + size, (float) value);
    } else {
      Arrays.fill(doubles, offset, offset + size, value);
    }
  }

  /**
   * Copies {@code len} elements of {@code src}, from its element {@code srcPos}, into
   * {@code dst} from its element {@code dstPos} (positions relative to each tensor's view), both
   * of one dtype: a copy between the storage arrays that makes no view, for layout code that runs
   * inside time loops.
   *
   * @throws IllegalArgumentException when the dtypes differ
   */
  public static void copyRange(Tensor src, int srcPos, Tensor dst, int dstPos, int len) {
    if (src.dtype != dst.dtype) {
      throw new IllegalArgumentException("copyRange: " + src.dtype + " into " + dst.dtype);
    }
    System.arraycopy(src.floats != null ? src.floats : src.doubles, src.offset + srcPos,
        dst.floats != null ? dst.floats : dst.doubles, dst.offset + dstPos, len);
  }

  /**
   * Copies {@code src} into this tensor (any dtype; sizes must match).
   *
   * @param src source tensor
   */
  public void copyFrom(Tensor src) {
    if (src.size != size) {
      throw new IllegalArgumentException(
          "copyFrom: size " + src.size + " " + Arrays.toString(src.shape)
              + " into " + size + " " + Arrays.toString(shape));
    }
    if (src.dtype == dtype) {
      System.arraycopy(
          floats != null ? src.floats : src.doubles, src.offset,
          floats != null ? floats : doubles, offset, size);
    } else {
      for (int i = 0; i < size; i++) {
        set(i, src.get(i));
      }
    }
  }

  /** @return a deep copy with its own storage */
  public Tensor copy() {
    return to(dtype);
  }

  /**
   * @param target element type of the copy
   * @return a deep copy converted to {@code target}
   */
  public Tensor to(DType target) {
    Tensor t = zeros(target, shape);
    t.copyFrom(this);
    return t;
  }

  /** @return the elements widened to a new double array */
  public double[] toDoubleArray() {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = get(i);
    }
    return out;
  }

  /** @return the elements as a new float array */
  public float[] toFloatArray() {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = (float) get(i);
    }
    return out;
  }

  /**
   * @param other tensor to compare
   * @return true when both have the same shape
   */
  public boolean sameShape(Tensor other) {
    return Arrays.equals(shape, other.shape);
  }

  /**
   * @return the flat index of the first NaN or infinity, or -1 when all elements are finite
   */
  public int firstNonFinite() {
    for (int i = 0; i < size; i++) {
      if (!Double.isFinite(get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Throws when {@code t} does not have exactly the expected shape.
   *
   * @param name the tensor's name, used in the message ({@code "x"}, {@code "weight_hh_l0"})
   * @param t the tensor (null is reported as missing)
   * @param expected the required shape
   * @throws IllegalArgumentException naming the tensor, the expected and the actual shape
   */
  public static void requireShape(String name, Tensor t, int... expected) {
    if (t == null) {
      throw new IllegalArgumentException(name + ": missing, expected shape " + Arrays.toString(expected));
    }
    if (!Arrays.equals(t.shape, expected)) {
      throw new IllegalArgumentException(
          name + ": expected shape " + Arrays.toString(expected)
              + " but got " + Arrays.toString(t.shape));
    }
  }

  /**
   * Throws when {@code t} holds a NaN or infinity.
   *
   * @param name the tensor's name, used in the message
   * @param t the tensor
   * @throws IllegalArgumentException naming the tensor and the first bad index and value
   */
  public static void requireFinite(String name, Tensor t) {
    int bad = t.firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException(
          name + ": non-finite value " + t.get(bad) + " at flat index " + bad
              + " (shape " + Arrays.toString(t.shape) + ")");
    }
  }

  /**
   * @param shape dimensions
   * @return their product
   */
  public static int sizeOf(int... shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
    }
    return (int) n;
  }

  private static void requireLength(int length, int[] shape) {
    if (length != sizeOf(shape)) {
      throw new IllegalArgumentException(
          "data has " + length + " elements but shape " + Arrays.toString(shape)
              + " needs " + sizeOf(shape));
    }
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + " " + dtype;
  }
}
