package org.rnnlab.experiments.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.rnnlab.api.diag.DiagnosticsCadence;
import org.rnnlab.api.diag.DiagnosticsSink;
import org.rnnlab.reports.diag.Diagnostics;
import org.rnnlab.reports.diag.DiagnosticsRecorder;
import org.rnnlab.reports.diag.DiagnosticsStore;

/**
 * A run's {@code diagnostics.h5}: an in-memory {@link DiagnosticsRecorder} for this session and,
 * when resuming, what earlier sessions wrote, joined on every {@link #flush()}
 * ({@link DiagnosticsMerge}). The file is rewritten whole (temp file + rename) at each flush.
 *
 * <p>On resume the existing file is read with {@link DiagnosticsStore#read}; when it cannot be
 * read, it is renamed to {@code diagnostics.h5.unreadable} (nothing is deleted), one warning line
 * is printed, and the file restarts with this session's records. A write failure prints one
 * warning line and training continues: diagnostics never stop a run.
 *
 * <p>Not thread-safe for {@link #flush()} (one training loop); the sink itself is.
 */
final class DiagnosticsLog {
  private final Path file;
  private final DiagnosticsRecorder recorder;
  private final Diagnostics earlier;
  private final long resumedAt;
  private final PrintStream log;
  private boolean writeFailed;

  private DiagnosticsLog(Path file, DiagnosticsRecorder recorder, Diagnostics earlier,
      long resumedAt, PrintStream log) {
    this.file = file;
    this.recorder = recorder;
    this.earlier = earlier;
    this.resumedAt = resumedAt;
    this.log = log;
  }

  /**
   * @param file the run's {@code diagnostics.h5}
   * @param cadence which steps the probes run on
   * @param startStep the checkpoint step this session resumes from, 0 for a fresh run (an
   *     existing file is then overwritten at the first flush)
   * @param totalSteps the step the run ends at, to size the recorder's arrays
   * @param log where the one-line warnings go
   */
  static DiagnosticsLog open(Path file, DiagnosticsCadence cadence, long startStep, long totalSteps,
      PrintStream log) {
    Diagnostics earlier = null;
    if (startStep > 0 && Files.exists(file)) {
      try {
        earlier = DiagnosticsStore.read(file);
      } catch (IOException | RuntimeException e) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
          Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
          log.println("rnnlab: warning: cannot read " + file + " (" + e.getMessage()
              + "); kept it as " + aside.getFileName() + ", diagnostics restart at step " + startStep);
        } catch (IOException moveFailed) {
          log.println("rnnlab: warning: cannot read " + file + " (" + e.getMessage()
              + ") and cannot move it aside (" + moveFailed.getMessage() + "); it will be overwritten");
        }
      }
    }
    int expected = (int) Math.min(Integer.MAX_VALUE / 2, (totalSteps - startStep) / cadence.every() + 1);
    return new DiagnosticsLog(file, new DiagnosticsRecorder(cadence, null, expected), earlier,
        startStep, log);
  }

  /** @return the sink the trainer and the recurrent layer report to */
  DiagnosticsSink sink() {
    return recorder;
  }

  /** @return everything recorded, earlier sessions included */
  Diagnostics snapshot() {
    Diagnostics now = recorder.snapshot();
    return earlier == null ? now : DiagnosticsMerge.merge(earlier, resumedAt, now);
  }

  /** Rewrites the file with {@link #snapshot()}; warns once and goes on when it cannot. */
  void flush() {
    try {
      DiagnosticsStore.write(snapshot(), file);
    } catch (IOException | RuntimeException e) {
      if (!writeFailed) {
        writeFailed = true;
        log.println("rnnlab: warning: cannot write " + file + ": " + e.getMessage()
            + " (training continues)");
      }
    }
  }
}
