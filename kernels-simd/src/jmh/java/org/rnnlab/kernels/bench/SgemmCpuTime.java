package org.rnnlab.kernels.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * Single-thread SGEMM throughput measured in <em>thread CPU time</em> instead of wall time, for a
 * machine shared with other jobs: time spent descheduled does not count, so the figure tracks
 * what the kernel achieves while it runs (cache interference from neighbours still counts).
 * Shapes as in {@link SgemmBenchmark}; seven rounds of about 0.5 s each, median and best
 * printed. Not a JMH benchmark; run through the {@code bench} profile with
 * {@code -Dbench.main=org.rnnlab.kernels.bench.SgemmCpuTime}.
 */
public final class SgemmCpuTime {
  private SgemmCpuTime() {}

  /**
   * @param args ignored
   */
  public static void main(String[] args) {
    KernelOps ops = KernelOpsProvider.create(1);
    String[] shapes = {"1024x1024x1024:NN", "3200x512x128:NT", "64x1024x256:NT", "512x128x3200:TN"};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
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
      int reps = (int) Math.max(3, 5e10 / flops / 100);
      double[] rounds = new double[7];
      for (int warm = 0; warm < 3 * reps; warm++) {
        ops.gemm(ta, tb, m, n, k, 1.0, a, b, 0.0, c);
      }
      for (int r = 0; r < rounds.length; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
          ops.gemm(ta, tb, m, n, k, 1.0, a, b, 0.0, c);
        }
        rounds[r] = flops * reps / (mx.getCurrentThreadCpuTime() - t0);
      }
      Arrays.sort(rounds);
      System.out.printf("%-18s threads=1 cpu-time GFLOP/s median %.1f best %.1f%n",
          shape, rounds[rounds.length / 2], rounds[rounds.length - 1]);
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
