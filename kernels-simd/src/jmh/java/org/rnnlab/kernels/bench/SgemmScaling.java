package org.rnnlab.kernels.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * Two-thread speed-up of SGEMM in wall time: each shape timed on a 1-thread and a 2-thread
 * kernel instance, interleaved round by round (so both see the same machine load), median of
 * 9 rounds of about 0.3 s each. Prints GFLOP/s for both and the ratio. Not a JMH benchmark; run
 * through the {@code bench} profile with
 * {@code -Dbench.main=org.rnnlab.kernels.bench.SgemmScaling} (shapes {@code MxNxK:XY} as
 * arguments, or a default list of large shapes).
 */
public final class SgemmScaling {
  private SgemmScaling() {}

  /**
   * @param args shapes to time instead of the defaults
   */
  public static void main(String[] args) {
    KernelOps one = KernelOpsProvider.create(1);
    KernelOps two = KernelOpsProvider.create(2);
    String[] shapes = args.length > 0 ? args : new String[] {"1024x1024x1024:NN",
        "2048x2048x512:NT", "3200x2048x256:NT", "2048x512x3200:TN", "1024x256x6400:TN"};
    SplittableRandom rng = new SplittableRandom(42);
    for (String shape : shapes) {
      String[] p = shape.split("[x:]");
      int m = Integer.parseInt(p[0]);
      int n = Integer.parseInt(p[1]);
      int k = Integer.parseInt(p[2]);
      boolean ta = p[3].charAt(0) == 'T';
      boolean tb = p[3].charAt(1) == 'T';
      Tensor a = random(rng, m * k);
      Tensor b = random(rng, k * n);
      Tensor c = Tensor.zeros(DType.FLOAT32, m * n);
      double flops = 2.0 * m * n * k;
      int reps = (int) Math.max(2, 3e10 / flops);
      double[] r1 = new double[9];
      double[] r2 = new double[9];
      for (int warm = 0; warm < 3 * reps; warm++) {
        one.gemm(ta, tb, m, n, k, 1.0, a, b, 0.0, c);
        two.gemm(ta, tb, m, n, k, 1.0, a, b, 0.0, c);
      }
      for (int r = 0; r < r1.length; r++) {
        r1[r] = gflops(one, ta, tb, m, n, k, a, b, c, reps, flops);
        r2[r] = gflops(two, ta, tb, m, n, k, a, b, c, reps, flops);
      }
      Arrays.sort(r1);
      Arrays.sort(r2);
      double g1 = r1[r1.length / 2];
      double g2 = r2[r2.length / 2];
      System.out.printf("%-18s wall GFLOP/s median: 1 thread %.1f, 2 threads %.1f, speed-up %.2fx%n",
          shape, g1, g2, g2 / g1);
    }
  }

  private static double gflops(KernelOps ops, boolean ta, boolean tb, int m, int n, int k,
      Tensor a, Tensor b, Tensor c, int reps, double flops) {
    long t0 = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      ops.gemm(ta, tb, m, n, k, 1.0, a, b, 0.0, c);
    }
    return flops * reps / (System.nanoTime() - t0);
  }

  private static Tensor random(SplittableRandom rng, int size) {
    Tensor t = Tensor.zeros(DType.FLOAT32, size);
    for (int i = 0; i < size; i++) {
      t.set(i, rng.nextDouble(-1, 1));
    }
    return t;
  }
}
