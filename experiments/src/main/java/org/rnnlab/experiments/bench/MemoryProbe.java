package org.rnnlab.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Heap use of one training step, measured around it after warm-up: the heap still live after a
 * full GC (model, buffers, caches, data: everything a step keeps between steps), the bytes the
 * step allocates and drops (fresh outputs), and the heap pools' peak during the step. The peak
 * includes garbage not yet collected, so it is an upper bound; live + allocated is the tight one.
 *
 * <p>Uses {@code com.sun.management.ThreadMXBean} for allocated bytes (HotSpot). Call from the
 * thread that runs the step.
 */
public final class MemoryProbe {

  /**
   * @param baselineBytes heap live before the benchmark objects were built
   * @param liveBytes heap live after a step and a full GC
   * @param stepAllocatedBytes bytes the calling thread allocated during one step (least of
   *     {@link #STEPS})
   * @param peakBytes sum of the heap pools' peak usage during those steps
   */
  public record Result(long baselineBytes, long liveBytes, long stepAllocatedBytes, long peakBytes) {
    /** @return live heap that belongs to the benchmark: {@code live - baseline} */
    public long retainedBytes() {
      return liveBytes - baselineBytes;
    }

    /** @return the working set of a step: retained plus what the step allocates */
    public long stepWorkingSetBytes() {
      return retainedBytes() + stepAllocatedBytes;
    }
  }

  /** Steps measured after the GC; the allocation reported is the least of them. */
  static final int STEPS = 3;

  private MemoryProbe() {}

  /** @return heap bytes in use after a full collection */
  public static long liveHeap() {
    // two rounds: the first may only queue finalizable and weakly reachable objects
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * @param baselineBytes {@link #liveHeap()} before the benchmark was built
   * @param step one warmed-up training step (run {@link #STEPS} times)
   * @return the measurements
   */
  public static Result measure(long baselineBytes, Runnable step) {
    long live = liveHeap();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().threadId();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    // the least of a few steps: the first after a full GC may run deoptimized code, whose
    // boxed vectors would be counted as the step's own allocation
    long allocated = Long.MAX_VALUE;
    for (int i = 0; i < STEPS; i++) {
      long before = threads.getThreadAllocatedBytes(tid);
      step.run();
      allocated = Math.min(allocated, threads.getThreadAllocatedBytes(tid) - before);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Result(baselineBytes, live, allocated, peak);
  }
}
