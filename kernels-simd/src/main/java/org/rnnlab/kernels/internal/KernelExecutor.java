package org.rnnlab.kernels.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one explicitly sized set of kernel threads of a kernel instance (never the common pool).
 * The calling thread always works too, so {@code threads - 1} daemon workers are started, and
 * none at all for one thread (Jlama's {@code PhysicalCoreExecutor}, llama3.java's
 * {@code Parallel}).
 *
 * <p>Tasks are numbered; callers make each task write a disjoint output block whose contents do
 * not depend on which thread runs it, which is what keeps results independent of the thread
 * count.
 *
 * <p><b>Hand-off.</b> A training step makes several parallel calls of 10-100 us per time step;
 * waking a parked thread and parking the caller on a latch cost about as much as that on a
 * loaded 2-core VM. So a worker that finished a job spins on its job slot for
 * {@link #SPIN_NANOS} before it parks, and the caller, once its own tasks are done, spins as
 * long before it parks, yielding the core while spinning: back-to-back calls then hand off through
 * volatile writes instead of a wake-up. Wake-ups
 * cannot be lost: each side publishes (job slot, or "parked" flag) before it reads the other
 * side's flag, so at least one of them sees the other.
 *
 * <p><b>Concurrent callers.</b> One call at a time owns the workers; a call that finds them
 * taken (another caller, or a task calling back into the executor) runs all its tasks itself,
 * which gives the same results.
 */
final class KernelExecutor {
  /**
   * How long a worker waits spinning for the next job, and the caller for the workers, before
   * parking: longer than the gap between the parallel calls of one time step, short enough that
   * an idle kernel instance gives its core back almost at once.
   */
  static final long SPIN_NANOS = 50_000;
  /** The first part of {@link #SPIN_NANOS} spent pausing rather than yielding. */
  static final long PAUSE_NANOS = 10_000;

  private final int threads;
  private final Worker[] workers;
  /** Set while a call owns the workers. */
  private final AtomicBoolean busy = new AtomicBoolean();

  /** Receives a half-open range {@code [from, to)}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  KernelExecutor(int threads) {
    this.threads = threads;
    this.workers = new Worker[threads - 1];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Worker(w + 1);
      Thread t = new Thread(workers[w], "rnnlab-kernels-" + (w + 1));
      // kernels own no resources worth a shutdown hook; daemon threads let the JVM exit
      t.setDaemon(true);
      workers[w].thread = t;
      t.start();
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
    // fast path: one task, one thread, or workers taken cost no hand-off at all
    if (tasks <= 1 || workers.length == 0 || !busy.compareAndSet(false, true)) {
      for (int t = 0; t < tasks; t++) {
        body.accept(t);
      }
      return;
    }
    int helpers = Math.min(workers.length, tasks - 1);
    Job job = new Job(tasks, helpers + 1, body);
    try {
      for (int h = 0; h < helpers; h++) {
        workers[h].post(job);
      }
      job.drain(0);
      // wait for tasks that workers took: they write into the caller's buffers. A worker that
      // takes the job late finds no task left and touches nothing.
      job.awaitDone();
    } finally {
      busy.set(false);
    }
    Throwable t = job.failure.get();
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
    if (tasks <= 1 || workers.length == 0) {
      body.run(0, n);
      return;
    }
    forEach(tasks, t -> body.run(t * grain, Math.min(n, (t + 1) * grain)));
  }

  /**
   * One wait of a spin loop that started at {@code start}: a CPU pause for the first
   * {@link #PAUSE_NANOS} (the next parallel call of a time step usually follows within a few
   * microseconds, and a pause notices it at once), then a yield: on an oversubscribed machine a
   * pure spinner would hold a core the other kernel thread (or another process) needs, while an
   * idle machine returns from the yield at once.
   */
  private static void spin(long start) {
    if (System.nanoTime() - start < PAUSE_NANOS) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
  }

  /**
   * One parallel call. The tasks are cut into one contiguous segment per participant (caller 0,
   * worker {@code w} at {@code w + 1}); each takes its own segment from the front, then steals
   * from the back of the others'. So when the threads keep pace, thread {@code p} runs the same
   * tasks on every call of the same shape, and the output blocks and weight columns those tasks
   * touch stay in that core's L2 from one time step to the next; a late or slow thread only
   * shifts work to the others.
   */
  private static final class Job {
    final int tasks;
    final IntConsumer body;
    /** Per participant, its remaining segment as {@code front << 32 | back} (half-open). */
    final AtomicLong[] segments;
    final AtomicInteger remaining;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final Thread caller = Thread.currentThread();
    volatile boolean callerParked;

    Job(int tasks, int participants, IntConsumer body) {
      this.tasks = tasks;
      this.body = body;
      this.segments = new AtomicLong[participants];
      for (int p = 0; p < participants; p++) {
        long from = (long) tasks * p / participants;
        long to = (long) tasks * (p + 1) / participants;
        segments[p] = new AtomicLong(from << 32 | to);
      }
      this.remaining = new AtomicInteger(tasks);
    }

    /** Runs tasks as participant {@code self} until none is left to claim. */
    void drain(int self) {
      int own = Math.min(self, segments.length - 1);
      for (int t = claim(segments[own], true); t >= 0; t = claim(segments[own], true)) {
        run(t);
      }
      for (int d = 1; d < segments.length; d++) {
        AtomicLong other = segments[(own + d) % segments.length];
        for (int t = claim(other, false); t >= 0; t = claim(other, false)) {
          run(t);
        }
      }
    }

    /** @return a task taken from the front (or back) of a segment, or -1 when it is empty */
    private static int claim(AtomicLong segment, boolean front) {
      while (true) {
        long v = segment.get();
        int from = (int) (v >>> 32);
        int to = (int) v;
        if (from >= to) {
          return -1;
        }
        long next = front ? (long) (from + 1) << 32 | to : (long) from << 32 | (to - 1);
        if (segment.compareAndSet(v, next)) {
          return front ? from : to - 1;
        }
      }
    }

    private void run(int t) {
      try {
        if (failure.get() == null) {
          body.accept(t);
        }
      } catch (RuntimeException | Error e) {
        failure.compareAndSet(null, e);
      } finally {
        // the last task wakes the caller if it parked (it published callerParked first)
        if (remaining.decrementAndGet() == 0 && callerParked) {
          LockSupport.unpark(caller);
        }
      }
    }

    void awaitDone() {
      long start = System.nanoTime();
      long deadline = start + SPIN_NANOS;
      while (remaining.get() > 0) {
        if (System.nanoTime() - deadline > 0) {
          callerParked = true;
          // park in a loop: spurious wake-ups and stale permits just re-check the count
          while (remaining.get() > 0) {
            LockSupport.park(this);
          }
          return;
        }
        spin(start);
      }
    }
  }

  /** A daemon worker with a one-job slot. */
  private static final class Worker implements Runnable {
    final AtomicReference<Job> slot = new AtomicReference<>();
    volatile boolean parked;
    Thread thread;
    /** This worker's participant index in every job: its position in the pool plus one. */
    final int index;

    Worker(int index) {
      this.index = index;
    }

    /** Hands over a job; wakes the worker only when it parked (publishing before reading). */
    void post(Job job) {
      slot.set(job);
      if (parked) {
        LockSupport.unpark(thread);
      }
    }

    @Override
    public void run() {
      while (true) {
        Job job = awaitJob();
        job.drain(index);
      }
    }

    private Job awaitJob() {
      long start = System.nanoTime();
      long deadline = start + SPIN_NANOS;
      while (true) {
        // getAndSet, not get-then-clear: a job posted between the two would be lost
        Job job = slot.getAndSet(null);
        if (job != null) {
          return job;
        }
        if (System.nanoTime() - deadline > 0) {
          parked = true;
          if (slot.get() == null) {
            LockSupport.park(this);
          }
          parked = false;
          start = System.nanoTime();
          deadline = start + SPIN_NANOS;
        } else {
          spin(start);
        }
      }
    }
  }
}
