package org.rnnlab.reports.diag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.diag.DiagnosticsCadence;
import org.rnnlab.api.diag.GateKind;
import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;
import org.rnnlab.reports.testing.SyntheticRuns;

class DiagnosticsStoreTest {
  @TempDir Path dir;

  private static DiagnosticsRecorder filledRecorder(Path file) {
    DiagnosticsRecorder r = new DiagnosticsRecorder(new DiagnosticsCadence(5), file, 8);
    SyntheticRuns.fill(r, "lstm", 0.9, 40, 12, 7);
    // a shorter sequence and a reverse direction exercise the NaN padding and the flag
    r.hiddenGradientNorms(40, "l0", false, new double[] {1, 2, 3, 99}, 3);
    r.hiddenGradientNorms(40, "l0_reverse", true, new double[] {3, 2, 1}, 3);
    r.nonFinite(41, "grad/weight_hh_l0", 17, Double.NaN);
    r.nonFinite(42, "loss", -1, Double.POSITIVE_INFINITY);
    return r;
  }

  @Test
  void writeThenReadReturnsEverySeriesUnchanged() throws IOException {
    Path file = dir.resolve("diagnostics.h5");
    DiagnosticsRecorder r = filledRecorder(file);
    r.flush();
    Diagnostics expected = r.snapshot();
    Diagnostics actual = DiagnosticsStore.read(file);

    assertEquals(5, actual.cadenceEvery());
    assertEquals(expected.scalars().keySet(), actual.scalars().keySet());
    expected.scalars().forEach((k, s) -> {
      assertArrayEquals(s.steps(), actual.scalars().get(k).steps(), k);
      assertArrayEquals(s.values(), actual.scalars().get(k).values(), k);
    });
    expected.parameters().forEach((k, p) -> {
      assertArrayEquals(p.gradNorm(), actual.parameters().get(k).gradNorm(), k);
      assertArrayEquals(p.updateRatio(), actual.parameters().get(k).updateRatio(), k);
    });
    HiddenGradientSeries h = actual.hiddenGradients().get("l0");
    assertEquals(9, h.steps().length);
    assertArrayEquals(new double[] {1, 2, 3}, h.norms()[8]);
    assertArrayEquals(expected.hiddenGradients().get("l0").norms()[0], h.norms()[0]);
    assertTrue(actual.hiddenGradients().get("l0_reverse").reverse());
    assertFalse(h.reverse());
    assertEquals(List.of("i", "f", "g", "o").stream().sorted().toList(),
        List.copyOf(actual.saturation().get("l0").keySet()));
    assertEquals(GateKind.TANH, actual.saturation().get("l0").get("g").kind());
    assertArrayEquals(expected.saturation().get("l0").get("f").fraction(),
        actual.saturation().get("l0").get("f").fraction());
    Diagnostics.SpectralSeries sp = actual.spectra().get("weight_hh_l0");
    assertEquals(4, sp.gateBlocks());
    assertArrayEquals(new String[] {"whole", "block0", "block1", "block2", "block3"}, sp.columns());
    assertArrayEquals(expected.spectra().get("weight_hh_l0").spectralRadius()[3], sp.spectralRadius()[3]);
    assertArrayEquals(expected.clipping().preClipNorm(), actual.clipping().preClipNorm());
    assertEquals(new Diagnostics.NonFiniteEvent(41, "grad/weight_hh_l0", 17, Double.NaN),
        actual.firstNonFinite());
    assertFalse(Files.exists(dir.resolve("diagnostics.h5.tmp")), "temp file must be renamed away");
  }

  @Test
  void flushRewritesTheWholeFileWithLaterRecords() throws IOException {
    Path file = dir.resolve("diagnostics.h5");
    DiagnosticsRecorder r = new DiagnosticsRecorder(new DiagnosticsCadence(1), file, 4);
    r.scalar(0, "train/loss", 3);
    r.flush();
    assertEquals(1, DiagnosticsStore.read(file).scalars().get("train/loss").steps().length);
    for (int s = 1; s < 10; s++) {
      r.scalar(s, "train/loss", 3.0 / (s + 1));
    }
    r.flush();
    Diagnostics d = DiagnosticsStore.read(file);
    assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, d.scalars().get("train/loss").steps());
    assertNull(d.firstNonFinite());
    assertEquals(0, d.clipping().steps().length);
  }

  @Test
  void readRejectsAFileThatIsNotDiagnostics() throws IOException {
    Path file = dir.resolve("other.h5");
    try (var f = io.jhdf.HdfFile.write(file)) {
      f.putAttribute("format", "rnnlab-checkpoint");
    }
    IOException e = assertThrows(IOException.class, () -> DiagnosticsStore.read(file));
    assertTrue(e.getMessage().contains("rnnlab-checkpoint"), e.getMessage());
  }

  @Test
  void h5pyReadsTheDocumentedLayout() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "skipped: /usr/bin/python3 not found");
    assumeTrue(new ProcessBuilder(python.toString(), "-c", "import h5py").start().waitFor() == 0,
        "skipped: /usr/bin/python3 has no h5py");
    Path file = dir.resolve("diagnostics.h5");
    filledRecorder(file).flush();
    String script = """
        import sys, h5py, numpy as np
        f = h5py.File(sys.argv[1], 'r')
        a = f.attrs
        fmt = a['format'].decode() if isinstance(a['format'], bytes) else a['format']
        n = f['hidden_grad/l0/norm']
        print(fmt, int(a['format_version']), int(a['cadence_every']))
        print(f['scalars/train/loss/step'].shape[0], f['scalars/train/loss/value'].dtype)
        print(n.shape, n.dtype, int(np.isnan(n[8]).sum()), list(f['hidden_grad/l0/length'][-2:]))
        print(f['spectral/weight_hh_l0/sigma_max'].shape, f['gate_saturation/l0/f/fraction'].shape)
        print(int(f['non_finite'].attrs['index']), int(f['hidden_grad/l0_reverse'].attrs['reverse']))
        """;
    Path py = dir.resolve("check.py");
    Files.writeString(py, script);
    Process p = new ProcessBuilder(python.toString(), py.toString(), file.toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertEquals("""
        rnnlab-diagnostics 1 5
        40 float64
        (9, 12) float64 9 [12, 3]
        (8, 5) (8,)
        17 1
        """, out);
  }
}
