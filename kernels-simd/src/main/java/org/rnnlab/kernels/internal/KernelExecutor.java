package org.rnnlab.kernels.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The one explicitly sized thread pool of a kernel instance (never the common pool). The calling
 * thread always works too, so {@code threads - 1} daemon workers are started, and none at all
 * for one thread (Jlama's {@code PhysicalCoreExecutor}, llama3.java's {@code Parallel}).
 *
 * <p>Tasks are numbered; callers make each task write a disjoint output block whose contents do
 * not depend on which thread runs it, which is what keeps results independent of the thread
 * count. Safe for concurrent callers: tasks of different calls simply queue.
 */
final class KernelExecutor {
  private final int threads;
  private final ExecutorService pool;

  /** Receives a half-open range {@code [from, to)}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  KernelExecutor(int threads) {
    this.threads = threads;
    if (threads == 1) {
      this.pool = null;
    } else {
      AtomicInteger ids = new AtomicInteger();
      this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
        Thread t = new Thread(r, "rnnlab-kernels-" + ids.incrementAndGet());
        // kernels own no resources worth a shutdown hook; daemon threads let the JVM exit
        t.setDaemon(true);
        return t;
      });
    }
  }

  int threads() {
    return threads;
  }

  /**
   * Runs {@code body.accept(t)} for every {@code t} in {@code [0, tasks)} and returns when all
   * are done; the first exception thrown by a task is rethrown (later tasks are skipped).
   */
  void forEach(int tasks, IntConsumer body) {
    // fast path: one task or one thread costs no hand-off at all
    if (tasks <= 1 || pool == null) {
      for (int t = 0; t < tasks; t++) {
        body.accept(t);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(tasks);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable drain = () -> {
      for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
        try {
          if (failure.get() == null) {
            body.accept(t);
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }
    };
    int helpers = Math.min(threads - 1, tasks - 1);
    for (int h = 0; h < helpers; h++) {
      pool.execute(drain);
    }
    drain.run();
    // wait for tasks that helpers took: they write into the caller's buffers. A helper that
    // starts late finds no task left and returns without touching anything.
    awaitUninterruptibly(done);
    Throwable t = failure.get();
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }

  /**
   * Splits {@code [0, n)} into chunks of {@code grain} elements (the last one shorter) and runs
   * them in parallel; below two chunks everything runs on the caller.
   */
  void forRange(int n, int grain, RangeBody body) {
    int tasks = (n + grain - 1) / grain;
    if (tasks <= 1 || pool == null) {
      body.run(0, n);
      return;
    }
    forEach(tasks, t -> body.run(t * grain, Math.min(n, (t + 1) * grain)));
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
