package org.rnnlab.kernels.internal;

/**
 * Wall time of one two-task {@link KernelExecutor#forEach} call as a training step makes them: a
 * parallel call, then serial work on the caller (the gap in which a worker parks or spins), on 1
 * and 2 threads. Arguments: iterations of busy work per task and per gap (default 2000 20000:
 * about 2 us and 17 us). In the package of the executor, which is not public.
 */
public final class HandoffCost {
  private static volatile long sink;

  private HandoffCost() {
  }

  /** @param args task and gap iterations */
  public static void main(String[] args) {
    int work = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int gap = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    for (int threads = 1; threads <= 2; threads++) {
      KernelExecutor executor = new KernelExecutor(threads);
      // tasks write 128 bytes apart, so they share no cache line
      long[] out = new long[32];
      double best = Double.MAX_VALUE;
      for (int round = 0; round < 7; round++) {
        int calls = 20_000;
        long t0 = System.nanoTime();
        for (int c = 0; c < calls; c++) {
          executor.forEach(2, t -> out[t * 16] += busy(work));
          sink = busy(gap);
        }
        double us = (System.nanoTime() - t0) / 1e3 / calls;
        if (round >= 2) {
          best = Math.min(best, us);
          System.out.printf("threads=%d task=%d gap=%d: %.2f us/call%n", threads, work, gap, us);
        }
      }
      System.out.printf("threads=%d best %.2f us/call%n", threads, best);
    }
  }

  private static long busy(int iterations) {
    long s = 0;
    for (int i = 0; i < iterations; i++) {
      s += i * 31L ^ s;
    }
    return s;
  }
}
