package org.rnnlab.reports.diag;

import java.util.Arrays;

/**
 * Append-only primitive arrays that double their capacity when full, so recording costs an
 * amortised array store per value with no boxing. Not thread-safe; the recorder locks.
 */
final class Growable {
  private Growable() {}

  /** A growing {@code long[]}. */
  static final class Longs {
    private long[] data;
    private int size;

    Longs(int capacity) {
      data = new long[Math.max(4, capacity)];
    }

    void add(long v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int size() {
      return size;
    }

    long[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }

  /** A growing {@code double[]}. */
  static final class Doubles {
    private double[] data;
    private int size;

    Doubles(int capacity) {
      data = new double[Math.max(4, capacity)];
    }

    void add(double v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    double[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
