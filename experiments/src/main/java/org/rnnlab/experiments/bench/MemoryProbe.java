package org.rnnlab.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Heap use of one training step, measured around it after warm-up: the heap still live after a
 * full GC (model, buffers, caches, data: everything a step keeps between steps), the bytes the
 * step allocates and drops (fresh outputs), and the heap pools' peak during the step. The peak
 * includes garbage not yet collected, so it is an upper bound; live + allocated is the tight one.
 *
 * <p>Two measures of what is live: the heap in use after a full GC, which is what the JVM holds
 * (G1 gives every array over half a region whole regions of its own, so a 4.2 MB array can take
 * 8 MB), and the bytes of the live objects themselves, from the class histogram of the
 * {@code DiagnosticCommand} bean ({@code jcmd GC.class_histogram}), which is what the program
 * keeps and what a tensor library's allocator statistics would count.
 *
 * <p>Uses {@code com.sun.management.ThreadMXBean} for allocated bytes (HotSpot). Call from the
 * thread that runs the step.
 */
public final class MemoryProbe {

  /** Heap in use and live object bytes at one moment, after a full GC. */
  public record Live(long heapBytes, long objectBytes) {}

  /**
   * @param baseline what was live before the benchmark objects were built
   * @param live what was live after a step and a full GC
   * @param stepAllocatedBytes bytes the calling thread allocated during one step (least of
   *     {@link #STEPS})
   * @param peakBytes sum of the heap pools' peak usage during those steps
   */
  public record Result(Live baseline, Live live, long stepAllocatedBytes, long peakBytes) {
    /** @return heap in use that belongs to the benchmark: {@code live - baseline} */
    public long retainedBytes() {
      return live.heapBytes() - baseline.heapBytes();
    }

    /** @return bytes of the live objects that belong to the benchmark */
    public long retainedObjectBytes() {
      return live.objectBytes() - baseline.objectBytes();
    }

    /** @return the working set of a step in heap: retained plus what the step allocates */
    public long stepWorkingSetBytes() {
      return retainedBytes() + stepAllocatedBytes;
    }

    /** @return the working set of a step in object bytes: retained objects plus allocation */
    public long stepWorkingSetObjectBytes() {
      return retainedObjectBytes() + stepAllocatedBytes;
    }
  }

  /** Steps measured after the GC; the allocation reported is the least of them. */
  static final int STEPS = 3;

  private MemoryProbe() {}

  /** @return heap in use and live object bytes after a full collection */
  public static Live live() {
    // two rounds: the first may only queue finalizable and weakly reachable objects
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new Live(heap, liveObjectBytes());
  }

  /**
   * @return the total bytes of the live objects (the class histogram, which runs a full GC
   *     first), or -1 when the diagnostic command is not available
   */
  static long liveObjectBytes() {
    try {
      String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      return histogramTotalBytes(histogram);
    } catch (JMException | ClassCastException e) {
      return -1;
    }
  }

  /** @return the bytes of the {@code Total} line of a class histogram, or -1 without one */
  static long histogramTotalBytes(String histogram) {
    for (String line : histogram.split("\\R")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length == 3 && cols[0].equals("Total")) {
        return Long.parseLong(cols[2]);
      }
    }
    return -1;
  }

  /**
   * @param baseline {@link #live()} before the benchmark was built
   * @param step one warmed-up training step (run {@link #STEPS} times)
   * @return the measurements
   */
  public static Result measure(Live baseline, Runnable step) {
    Live live = live();
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
    return new Result(baseline, live, allocated, peak);
  }
}
