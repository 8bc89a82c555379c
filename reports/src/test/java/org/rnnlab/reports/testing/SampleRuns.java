package org.rnnlab.reports.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnnlab.api.diag.DiagnosticsCadence;
import org.rnnlab.reports.diag.DiagnosticsRecorder;

/** Test-only: complete run directories (diagnostics.h5, metrics.csv, provenance.json). */
public final class SampleRuns {
  private SampleRuns() {}

  /**
   * Writes a run directory whose gradient decays by {@code decayPerStep} per time step.
   *
   * @param dir the directory to create
   * @param cell {@code rnn_tanh} or {@code lstm}
   * @param decayPerStep gradient factor per step back through time
   * @param seed noise seed
   * @return {@code dir}
   * @throws IOException on write failure
   */
  public static Path write(Path dir, String cell, double decayPerStep, long seed)
      throws IOException {
    Files.createDirectories(dir);
    DiagnosticsRecorder r = new DiagnosticsRecorder(new DiagnosticsCadence(5),
        dir.resolve("diagnostics.h5"), 64);
    SyntheticRuns.fill(r, cell, decayPerStep, 300, 40, seed);
    r.flush();
    StringBuilder csv = new StringBuilder("step,train_loss,eval_loss,eval_accuracy\n");
    for (int s = 0; s < 300; s += 10) {
      csv.append(s).append(',').append(2.0 * Math.exp(-3.0 * s / 300) + 0.1).append(',')
          .append(s % 50 == 0 ? Double.toString(2.0 * Math.exp(-2.5 * s / 300) + 0.2) : "")
          .append(',').append(s % 50 == 0 ? Double.toString(1 - Math.exp(-3.0 * s / 300)) : "")
          .append('\n');
    }
    Files.writeString(dir.resolve("metrics.csv"), csv);
    Files.writeString(dir.resolve("provenance.json"), """
        {"spec": {"cell": {"type": "%s", "hiddenSize": 6}, "seq_len": 40, "steps": 300},
         "seed": %d, "splits": 3, "framework": {"version": "0.1.0-SNAPSHOT", "commit": "abc1234"},
         "java.version": "25", "os.name": "Linux", "kernels": {"impl": "scalar", "threads": 2},
         "tags": ["sample", "synthetic <test>"], "start": "2026-01-01T00:00:00Z"}
        """.formatted(cell, seed));
    return dir;
  }
}
