package org.rnnlab.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kernel threads: every task exactly once, failures reach the caller, and the spin-then-park
 * hand-off neither loses a wake-up nor deadlocks on concurrent or nested calls.
 */
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

  @Test
  @Timeout(60) // a lost wake-up hangs
  void handOffSurvivesWorkersAndCallerParkingBetweenAndDuringCalls() {
    KernelExecutor executor = new KernelExecutor(2);
    long park = 3 * KernelExecutor.SPIN_NANOS;
    for (int call = 0; call < 40; call++) {
      // every other call starts after the worker parked; in every fourth a task outlasts the
      // caller's spin, so the caller parks and must be woken by the last task
      if (call % 2 == 0) {
        LockSupport.parkNanos(park);
      }
      boolean slowTask = call % 4 == 1;
      AtomicIntegerArray runs = new AtomicIntegerArray(8);
      executor.forEach(8, t -> {
        if (slowTask && t == 7) {
          LockSupport.parkNanos(park);
        }
        runs.incrementAndGet(t);
      });
      for (int t = 0; t < 8; t++) {
        assertEquals(1, runs.get(t), "task " + t + " of call " + call);
      }
    }
  }

  @Test
  @Timeout(60) // a lost wake-up hangs
  void concurrentAndNestedCallsEachRunEveryTaskOnce() throws Exception {
    KernelExecutor executor = new KernelExecutor(2);
    int callers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Future<?>[] futures = new Future<?>[callers];
      for (int c = 0; c < callers; c++) {
        futures[c] = pool.submit(() -> {
          start.await();
          for (int call = 0; call < 200; call++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(6 * 5);
            // a task calling back into the executor runs its inner tasks itself
            executor.forEach(6, outer -> executor.forEach(5,
                inner -> runs.incrementAndGet(outer * 5 + inner)));
            for (int t = 0; t < runs.length(); t++) {
              assertEquals(1, runs.get(t), "task " + t + " of call " + call);
            }
          }
          return null;
        });
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
