package org.rnnlab.reports.diag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.diag.DiagnosticsCadence;

class DiagnosticsRecorderTest {

  @Test
  void wantsFollowsTheCadence() {
    DiagnosticsRecorder r = new DiagnosticsRecorder(new DiagnosticsCadence(10));
    assertTrue(r.wants(0));
    assertFalse(r.wants(5));
    assertTrue(r.wants(20));
  }

  @Test
  void hiddenGradientRowIsCopiedSoCallersMayReuseTheirArray() {
    DiagnosticsRecorder r = new DiagnosticsRecorder(new DiagnosticsCadence(1));
    double[] buf = {1, 2, 3, 4};
    r.hiddenGradientNorms(0, "l0", false, buf, 3);
    buf[0] = 99;
    r.hiddenGradientNorms(1, "l0", false, buf, 4);
    Diagnostics.HiddenGradientSeries s = r.snapshot().hiddenGradients().get("l0");
    assertArrayEquals(new double[] {1, 2, 3}, s.norms()[0]);
    assertArrayEquals(new double[] {99, 2, 3, 4}, s.norms()[1]);
    assertArrayEquals(new long[] {0, 1}, s.steps());
  }

  @Test
  void badArgumentsAreRejectedWithTheNameAndSizes() {
    DiagnosticsRecorder r = new DiagnosticsRecorder(new DiagnosticsCadence(1));
    IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
        () -> r.hiddenGradientNorms(0, "l1", false, new double[2], 3));
    assertEquals("hiddenGradientNorms l1: length 3 outside [1, 2] (norms.length)", len.getMessage());
    r.hiddenGradientNorms(0, "l1", false, new double[2], 2);
    assertThrows(IllegalArgumentException.class,
        () -> r.hiddenGradientNorms(1, "l1", true, new double[2], 2));
    assertThrows(IllegalArgumentException.class, () -> r.scalar(0, "train//loss", 1));
    assertThrows(IllegalArgumentException.class, () -> r.scalar(0, "", 1));
  }

  @Test
  void keepsOnlyTheFirstNonFiniteValue() {
    DiagnosticsRecorder r = new DiagnosticsRecorder(new DiagnosticsCadence(1));
    r.nonFinite(7, "loss", -1, Double.NaN);
    r.nonFinite(8, "grad/weight_hh_l0", 3, Double.POSITIVE_INFINITY);
    assertEquals(7, r.snapshot().firstNonFinite().step());
  }

  @Test
  void concurrentDirectionsAreAllRecorded() throws Exception {
    DiagnosticsRecorder r = new DiagnosticsRecorder(new DiagnosticsCadence(1), null, 4);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> fwd = pool.submit(() -> record(r, "l0"));
      Future<?> rev = pool.submit(() -> record(r, "l0_reverse"));
      fwd.get();
      rev.get();
    } finally {
      pool.shutdown();
    }
    Diagnostics d = r.snapshot();
    assertEquals(2000, d.hiddenGradients().get("l0").steps().length);
    assertEquals(2000, d.hiddenGradients().get("l0_reverse").steps().length);
    assertEquals(4000, d.scalars().get("train/grad_norm").steps().length);
  }

  private static void record(DiagnosticsRecorder r, String layer) {
    double[] norms = new double[16];
    for (int s = 0; s < 2000; s++) {
      norms[0] = s;
      r.hiddenGradientNorms(s, layer, layer.endsWith("_reverse"), norms, norms.length);
      r.scalar(s, "train/grad_norm", s);
    }
  }
}
