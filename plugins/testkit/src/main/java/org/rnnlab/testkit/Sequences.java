package org.rnnlab.testkit;

import org.rnnlab.api.tensor.Tensor;

/** Time ranges of batch-first sequences {@code [B, T, F]}, copied (test helpers, not fast). */
final class Sequences {
  private Sequences() {}

  /** @return a copy of steps {@code [from, to)} of {@code seq [B, T, F]}, shape {@code [B, to-from, F]} */
  static Tensor range(Tensor seq, int from, int to) {
    int batch = seq.dim(0);
    int f = seq.dim(2);
    Tensor out = Tensor.zeros(seq.dtype(), batch, to - from, f);
    for (int b = 0; b < batch; b++) {
      out.slice(b).copyFrom(seq.slice(b).narrow(from, to));
    }
    return out;
  }

  /** Zeroes steps {@code [from, to)} of {@code seq [B, T, F]} (nothing when {@code to <= from}). */
  static void zeroSteps(Tensor seq, int from, int to) {
    for (int b = 0; b < seq.dim(0) && to > from; b++) {
      seq.slice(b).narrow(from, to).fill(0);
    }
  }

  /** @return a copy of the given batch rows of {@code t [B, ...]}, shape {@code [rows.length, ...]} */
  static Tensor rows(Tensor t, int[] rows) {
    int[] shape = t.shape();
    shape[0] = rows.length;
    Tensor out = Tensor.zeros(t.dtype(), shape);
    for (int i = 0; i < rows.length; i++) {
      out.slice(i).copyFrom(t.slice(rows[i]));
    }
    return out;
  }

  /** @return the given batch rows of each state {@code [L*D, B, H]}, or null for null */
  static Tensor[] stateRows(Tensor[] states, int[] rows) {
    if (states == null) {
      return null;
    }
    Tensor[] out = new Tensor[states.length];
    for (int k = 0; k < states.length; k++) {
      int layers = states[k].dim(0);
      out[k] = Tensor.zeros(states[k].dtype(), layers, rows.length, states[k].dim(2));
      for (int l = 0; l < layers; l++) {
        out[k].slice(l).copyFrom(rows(states[k].slice(l), rows));
      }
    }
    return out;
  }

  /** {@code dst[rows[i], offset + t, :] += src[i, t, :]} for every row and step of {@code src}. */
  static void addRange(Tensor src, int[] rows, Tensor dst, int offset) {
    for (int i = 0; i < rows.length; i++) {
      Tensor s = src.slice(i);
      Tensor d = dst.slice(rows[i]).narrow(offset, offset + src.dim(1));
      for (int j = 0; j < s.size(); j++) {
        d.add(j, s.get(j));
      }
    }
  }
}
