package org.rnnlab.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.kernel.KernelOps;

/**
 * Times {@link TrainingStep}s: {@code warmup} untimed steps, then {@code reps} timed ones.
 * Results depend on the machine and its load; see {@code BENCHMARKS.md} for how to report them.
 */
public final class TrainingStepBench {
  private final BenchSpec spec;
  private final TrainingStep step;

  /**
   * @param spec sizes and repetitions
   * @param factory the cell, used with its default options
   * @param ops kernels (their thread count is the one measured)
   */
  public TrainingStepBench(BenchSpec spec, CellFactory<?> factory, KernelOps ops) {
    this.spec = spec;
    this.step = new TrainingStep(spec, factory, ops);
  }

  /** Wall-clock and process CPU times of the timed steps. */
  public record Timings(StepTimes wall, StepTimes cpu) {}

  /**
   * Runs the warm-up (at least {@code warmup} steps and {@code warmupMillis}) and the timed steps.
   * CPU time of all Java threads (the caller and the kernel pool; not JIT or GC) is recorded
   * beside wall time: on a shared, loaded machine it is the steadier measure of the work done.
   *
   * @return the timed steps' durations
   * @throws IllegalStateException when the loss is not finite (a broken kernel, not a slow one)
   */
  public Timings run() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    for (int i = 0; i < spec.warmup() || System.nanoTime() - start < spec.warmupMillis() * 1_000_000; i++) {
      step.run();
    }
    double[] ms = new double[spec.reps()];
    double[] cpu = new double[spec.reps()];
    for (int i = 0; i < ms.length; i++) {
      long c0 = javaThreadsCpuNanos(threads);
      long t0 = System.nanoTime();
      step.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (javaThreadsCpuNanos(threads) - c0) / 1e6;
    }
    if (!Double.isFinite(step.lastLoss())) {
      throw new IllegalStateException("benchmark loss is " + step.lastLoss() + " for " + spec);
    }
    return new Timings(new StepTimes(ms), new StepTimes(cpu));
  }

  /**
   * Per-thread clocks have nanosecond resolution; the process clock of the OS bean ticks in
   * 10 ms on Linux, too coarse for a step.
   */
  private static long javaThreadsCpuNanos(ThreadMXBean threads) {
    long total = 0;
    for (long id : threads.getAllThreadIds()) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) {
        total += t;
      }
    }
    return total;
  }

  /** @return the loss of the last step */
  public double lastLoss() {
    return step.lastLoss();
  }

  /** Runs one more step; for measurements around a single step (memory). */
  public void runOnce() {
    step.run();
  }
}
