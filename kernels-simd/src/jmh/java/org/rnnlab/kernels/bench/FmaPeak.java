package org.rnnlab.kernels.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one-core FMA ceiling the SGEMM numbers are compared with: twelve independent chains of
 * {@code FloatVector.fma} at the preferred width (enough to cover FMA latency), no memory traffic,
 * timed in thread CPU time. Run through the {@code bench} profile with
 * {@code -Dbench.main=org.rnnlab.kernels.bench.FmaPeak}.
 */
public final class FmaPeak {
  private FmaPeak() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  /**
   * @param args ignored
   */
  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int iterations = 20_000_000;
    for (int round = 0; round < 8; round++) {
      long t0 = mx.getCurrentThreadCpuTime();
      float sink = chains(iterations);
      double seconds = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
      double flops = 12.0 * 2 * S.length() * iterations;
      System.out.printf("bitSize=%d FMA peak %.1f GFLOP/s (checksum %s)%n",
          S.vectorBitSize(), flops / seconds / 1e9, sink);
    }
  }

  private static float chains(int iterations) {
    FloatVector m = FloatVector.broadcast(S, 0.999999f);
    FloatVector c = FloatVector.broadcast(S, 1e-7f);
    FloatVector a0 = FloatVector.broadcast(S, 1f);
    FloatVector a1 = a0.add(1f);
    FloatVector a2 = a0.add(2f);
    FloatVector a3 = a0.add(3f);
    FloatVector a4 = a0.add(4f);
    FloatVector a5 = a0.add(5f);
    FloatVector a6 = a0.add(6f);
    FloatVector a7 = a0.add(7f);
    FloatVector a8 = a0.add(8f);
    FloatVector a9 = a0.add(9f);
    FloatVector a10 = a0.add(10f);
    FloatVector a11 = a0.add(11f);
    for (int i = 0; i < iterations; i++) {
      a0 = a0.fma(m, c);
      a1 = a1.fma(m, c);
      a2 = a2.fma(m, c);
      a3 = a3.fma(m, c);
      a4 = a4.fma(m, c);
      a5 = a5.fma(m, c);
      a6 = a6.fma(m, c);
      a7 = a7.fma(m, c);
      a8 = a8.fma(m, c);
      a9 = a9.fma(m, c);
      a10 = a10.fma(m, c);
      a11 = a11.fma(m, c);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10)
        .add(a11).reduceLanes(VectorOperators.ADD);
  }
}
