package org.rnnlab.experiments.run;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Plain progress lines for logs: {@code step 1200/5000 (24%) 35.2 steps/s eta 1m48s loss=...},
 * at most one per interval (plus the final step), so long runs do not flood log files.
 */
final class LogProgressReporter implements ProgressReporter {
  /** Ten seconds between lines. */
  static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

  private final long total;
  private final long startStep;
  private final PrintStream out;
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private final long startNanos;
  private long lastPrinted;
  private long lastStep;
  private String lastMessage = "";

  LogProgressReporter(long total, long startStep, PrintStream out, LongSupplier nanoTime, long intervalNanos) {
    this.total = total;
    this.startStep = startStep;
    this.out = out;
    this.nanoTime = nanoTime;
    this.intervalNanos = intervalNanos;
    this.startNanos = nanoTime.getAsLong();
    this.lastPrinted = startNanos;
    this.lastStep = startStep;
  }

  @Override
  public void update(long step, String message) {
    lastStep = step;
    lastMessage = message;
    long now = nanoTime.getAsLong();
    if (now - lastPrinted >= intervalNanos) {
      print(now);
    }
  }

  private void print(long now) {
    lastPrinted = now;
    double seconds = (now - startNanos) / 1e9;
    long done = lastStep - startStep;
    // a resumed run that was already finished took no step here: no rate to show
    String speed = "";
    if (done > 0 && seconds > 0) {
      double rate = done / seconds;
      speed = String.format(java.util.Locale.ROOT, " %.1f steps/s eta %s", rate,
          formatDuration((long) ((total - lastStep) / rate)));
    }
    out.printf(java.util.Locale.ROOT, "step %d/%d (%d%%)%s %s%n", lastStep, total,
        total == 0 ? 100 : lastStep * 100 / total, speed, lastMessage);
  }

  static String formatDuration(long seconds) {
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return h > 0 ? h + "h" + m + "m" : m > 0 ? m + "m" + s + "s" : s + "s";
  }

  @Override
  public void close() {
    print(nanoTime.getAsLong());
  }
}
