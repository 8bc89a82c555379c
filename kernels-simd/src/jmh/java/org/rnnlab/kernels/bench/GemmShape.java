package org.rnnlab.kernels.bench;

import java.util.SplittableRandom;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * One SGEMM shape of the plain-main benchmarks, written {@code MxNxK:XY} (X, Y = N or T for
 * {@code transA}, {@code transB}), with uniform random operands in {@code [-1, 1)}.
 *
 * @param m rows of C
 * @param n columns of C
 * @param k inner dimension
 * @param transA whether A is stored {@code k x m}
 * @param transB whether B is stored {@code n x k}
 * @param a operand A
 * @param b operand B
 * @param c output C
 */
record GemmShape(int m, int n, int k, boolean transA, boolean transB, Tensor a, Tensor b,
    Tensor c) {

  /** Parses {@code MxNxK:XY} and draws the operands from {@code rng}. */
  static GemmShape parse(String shape, SplittableRandom rng) {
    String[] p = shape.split("[x:]");
    if (p.length != 4 || p[3].length() != 2) {
      throw new IllegalArgumentException("shape '" + shape + "': expected MxNxK:XY, e.g. 64x1024x256:NT");
    }
    int m = Integer.parseInt(p[0]);
    int n = Integer.parseInt(p[1]);
    int k = Integer.parseInt(p[2]);
    return new GemmShape(m, n, k, p[3].charAt(0) == 'T', p[3].charAt(1) == 'T',
        random(rng, m * k), random(rng, k * n), Tensor.zeros(DType.FLOAT32, m * n));
  }

  /** @return {@code 2 m n k} */
  double flops() {
    return 2.0 * m * n * k;
  }

  /** Runs {@code C = A B} (alpha 1, beta 0) {@code reps} times on {@code ops}. */
  void run(KernelOps ops, int reps) {
    for (int i = 0; i < reps; i++) {
      ops.gemm(transA, transB, m, n, k, 1.0, a, b, 0.0, c);
    }
  }

  private static Tensor random(SplittableRandom rng, int size) {
    Tensor t = Tensor.zeros(DType.FLOAT32, size);
    for (int i = 0; i < size; i++) {
      t.set(i, rng.nextDouble(-1, 1));
    }
    return t;
  }
}
