package org.rnnlab.experiments.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.diag.DiagnosticsCadence;
import org.rnnlab.api.diag.DiagnosticsSink;
import org.rnnlab.reports.diag.Diagnostics;
import org.rnnlab.reports.diag.DiagnosticsStore;

/** How a resumed session joins its diagnostics to the file of the earlier one. */
class DiagnosticsLogTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);

  /** Records what one session of a run with diagnostics every 10 steps reports, steps [from, to). */
  private static void session(DiagnosticsSink sink, long from, long to, double offset) {
    for (long s = from; s < to; s++) {
      sink.scalar(s, "train/loss", offset + s);
      if (s % 10 == 0) {
        sink.hiddenGradientNorms(s, "l0", false, new double[] {offset + s, 1}, 2);
        sink.parameter(s, "weight_hh_l0", 1, 1, 1e-3);
      }
      if ((s + 1) % 10 == 0) {
        sink.scalar(s + 1, "eval/loss", offset + s + 1);
      }
    }
  }

  @Test
  void resumedSessionKeepsEarlierRecordsBeforeTheCheckpointAndDropsLaterOnes() throws Exception {
    Path file = dir.resolve("diagnostics.h5");
    DiagnosticsLog first = DiagnosticsLog.open(file, new DiagnosticsCadence(10), 0, 40, log);
    session(first.sink(), 0, 35, 0);   // flushed at step 35, past the checkpoint at 20
    first.flush();

    DiagnosticsLog second = DiagnosticsLog.open(file, new DiagnosticsCadence(10), 20, 40, log);
    session(second.sink(), 20, 40, 1000);
    second.flush();
    Diagnostics d = DiagnosticsStore.read(file);

    Diagnostics.ScalarSeries loss = d.scalars().get("train/loss");
    assertEquals(40, loss.steps().length);
    assertEquals(19.0, loss.values()[19]);
    assertEquals(1020.0, loss.values()[20]);
    // the evaluation at 20 is of the checkpointed model: kept from the first session
    assertArrayEquals(new long[] {10, 20, 30, 40}, d.scalars().get("eval/loss").steps());
    assertArrayEquals(new double[] {10, 20, 1030, 1040}, d.scalars().get("eval/loss").values());
    Diagnostics.HiddenGradientSeries h = d.hiddenGradients().get("l0");
    assertArrayEquals(new long[] {0, 10, 20, 30}, h.steps());
    assertEquals(1020.0, h.norms()[2][0]);
    assertArrayEquals(new long[] {0, 10, 20, 30}, d.parameters().get("weight_hh_l0").steps());
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void unreadableEarlierFileIsKeptAsideWithOneWarning() throws Exception {
    Path file = Files.writeString(dir.resolve("diagnostics.h5"), "not hdf5");
    DiagnosticsLog log2 = DiagnosticsLog.open(file, new DiagnosticsCadence(10), 20, 40, log);
    session(log2.sink(), 20, 25, 0);
    log2.flush();
    assertEquals("not hdf5", Files.readString(dir.resolve("diagnostics.h5.unreadable")));
    assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("rnnlab: warning: cannot read "));
    assertArrayEquals(new long[] {20, 21, 22, 23, 24},
        DiagnosticsStore.read(file).scalars().get("train/loss").steps());
  }
}
