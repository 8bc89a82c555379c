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

  /** {@code dst[:, offset + t, :] += src[:, t, :]} for every step of {@code src}. */
  static void addRange(Tensor src, Tensor dst, int offset) {
    for (int b = 0; b < src.dim(0); b++) {
      Tensor s = src.slice(b);
      Tensor d = dst.slice(b).narrow(offset, offset + src.dim(1));
      for (int i = 0; i < s.size(); i++) {
        d.add(i, s.get(i));
      }
    }
  }
}
