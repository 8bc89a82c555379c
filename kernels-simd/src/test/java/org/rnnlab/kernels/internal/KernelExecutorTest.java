package org.rnnlab.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The kernel thread pool: every task exactly once, failures reach the caller. */
class KernelExecutorTest {

  @Test
  void everyTaskRunsExactlyOnceOnAnyThreadCount() {
    for (int threads = 1; threads <= 3; threads++) {
      KernelExecutor executor = new KernelExecutor(threads);
      for (int tasks : new int[] {0, 1, 2, 7, 100}) {
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        executor.forEach(tasks, runs::incrementAndGet);
        for (int t = 0; t < tasks; t++) {
          assertEquals(1, runs.get(t), "task " + t + " of " + tasks + " on " + threads + " threads");
        }
      }
    }
  }

  @Test
  void rangesCoverTheIndexSpaceWithoutOverlap() {
    KernelExecutor executor = new KernelExecutor(2);
    int[] hits = new int[1000];
    executor.forRange(hits.length, 64, (from, to) -> {
      for (int i = from; i < to; i++) {
        hits[i]++;
      }
    });
    int[] once = new int[hits.length];
    java.util.Arrays.fill(once, 1);
    assertArrayEquals(once, hits);
  }

  @Test
  void taskFailureIsRethrownToTheCaller() {
    KernelExecutor executor = new KernelExecutor(2);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> executor.forEach(50, t -> {
          if (t == 17) {
            throw new IllegalStateException("task 17 failed");
          }
        }));
    assertEquals("task 17 failed", e.getMessage());
    // the pool still works afterwards
    AtomicIntegerArray runs = new AtomicIntegerArray(10);
    executor.forEach(10, runs::incrementAndGet);
    assertEquals(1, runs.get(9));
  }
}
