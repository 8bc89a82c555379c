package org.rnnlab.kernels.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * Single-thread SGEMM throughput measured in <em>thread CPU time</em> instead of wall time, for a
 * machine shared with other jobs: time spent descheduled does not count, so the figure tracks
 * what the kernel achieves while it runs (cache interference from neighbours still counts).
 * Shapes as in {@link SgemmBenchmark} plus the
 * backward per-step {@code dG·W_hh} and the batch-1 step shapes; seven rounds of about 0.5 s each, median and best
 * printed. Not a JMH benchmark; run through the {@code bench} profile with
 * {@code -Dbench.main=org.rnnlab.kernels.bench.SgemmCpuTime}.
 */
public final class SgemmCpuTime {
  private SgemmCpuTime() {}

  /**
   * @param args shapes {@code MxNxK:XY} (X, Y = N or T) to time instead of the default list
   */
  public static void main(String[] args) {
    KernelOps ops = KernelOpsProvider.create(1);
    String[] shapes = args.length > 0 ? args : new String[] {"1024x1024x1024:NN",
        "3200x512x128:NT", "64x1024x256:NT", "64x256x1024:NN", "512x128x3200:TN",
        "1x512x128:NT", "1x128x512:NN"};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    SplittableRandom rng = new SplittableRandom(42);
    for (String shape : shapes) {
      GemmShape g = GemmShape.parse(shape, rng);
      double flops = g.flops();
      int reps = (int) Math.max(3, 5e10 / flops / 100);
      double[] rounds = new double[7];
      g.run(ops, 3 * reps);
      for (int r = 0; r < rounds.length; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        g.run(ops, reps);
        rounds[r] = flops * reps / (mx.getCurrentThreadCpuTime() - t0);
      }
      Arrays.sort(rounds);
      double median = rounds[rounds.length / 2];
      System.out.printf("%-18s threads=1 cpu-time GFLOP/s median %.1f best %.1f"
          + " (median %.2f us/call)%n",
          shape, median, rounds[rounds.length - 1], flops / median / 1e3);
    }
  }
}
