package org.rnnlab.kernels.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rnnlab.api.kernel.KernelOps;
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
      GemmShape g = GemmShape.parse(shape, rng);
      int reps = (int) Math.max(2, 3e10 / g.flops());
      double[] r1 = new double[9];
      double[] r2 = new double[9];
      g.run(one, 3 * reps);
      g.run(two, 3 * reps);
      for (int r = 0; r < r1.length; r++) {
        r1[r] = gflops(one, g, reps);
        r2[r] = gflops(two, g, reps);
      }
      Arrays.sort(r1);
      Arrays.sort(r2);
      double g1 = r1[r1.length / 2];
      double g2 = r2[r2.length / 2];
      System.out.printf("%-18s wall GFLOP/s median: 1 thread %.1f, 2 threads %.1f, speed-up %.2fx%n",
          shape, g1, g2, g2 / g1);
    }
  }

  private static double gflops(KernelOps ops, GemmShape g, int reps) {
    long t0 = System.nanoTime();
    g.run(ops, reps);
    return g.flops() * reps / (System.nanoTime() - t0);
  }
}
