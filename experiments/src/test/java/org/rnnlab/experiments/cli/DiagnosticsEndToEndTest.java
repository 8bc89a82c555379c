package org.rnnlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.checkpoint.CheckpointStore;
import org.rnnlab.reports.analysis.GradientFlowVerdict;
import org.rnnlab.reports.diag.Diagnostics;
import org.rnnlab.reports.diag.DiagnosticsStore;

/**
 * Short real training runs through the CLI: {@code diagnostics.h5} holds every kind of record,
 * {@code report.html} is written at the end, a resumed run continues the file exactly, and
 * {@code report} / {@code compare} work on run directories and reject anything else in one line.
 */
class DiagnosticsEndToEndTest {
  private static final String ADDING = """
      model:
        cell: {type: %s}
        hidden_size: %d
      task: {type: adding, seq_len: %d}
      loss: {type: mse}
      optimizer: {type: adam, lr: 1.0e-2}
      regularizers:
        - {type: clip_norm, max_norm: 0.05}
      training: {steps: %d, batch_size: 8, eval_every: 30, eval_batches: 2}
      checkpoint: {every: 30, keep_last: 5}
      diagnostics: {every: 20}
      seed: 3
      """;

  private static final String COPY = """
      model:
        cell: {type: gru}
        hidden_size: 8
      task: {type: copy_memory, delay: 10, copy_length: 3, categories: 4}
      loss: {type: cross_entropy}
      optimizer: {type: adam, lr: 1.0e-2}
      training: {steps: 21, batch_size: 4, eval_every: 0, eval_batches: 1}
      diagnostics: {every: 20}
      seed: 5
      """;

  @TempDir Path dir;

  private Path run(String name, String spec, String... more) throws Exception {
    Path file = Files.writeString(dir.resolve(name + ".yaml"), spec);
    List<String> args = new java.util.ArrayList<>(List.of("run", file.toString(), "--out",
        dir.resolve("runs").toString(), "--threads", "1"));
    args.addAll(List.of(more));
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      return runs.filter(p -> p.getFileName().toString().startsWith(name + "-")).findFirst().orElseThrow();
    }
  }

  private static String adding(String cell, int hidden, int steps, int seqLen) {
    return ADDING.formatted(cell, hidden, seqLen, steps);
  }

  @Test
  void lstmRunWritesEveryKindOfDiagnosticAndAReportWithItsSections() throws Exception {
    Path run = run("lstm", adding("lstm", 8, 60, 20));
    Diagnostics d = DiagnosticsStore.read(run.resolve("diagnostics.h5"));
    assertEquals(20, d.cadenceEvery());
    assertEquals(60, d.scalars().get("train/loss").steps().length);
    assertArrayEquals(new long[] {30, 60}, d.scalars().get("eval/loss").steps());
    assertTrue(d.scalars().containsKey("lr") && d.scalars().containsKey("train/grad_norm"));
    Diagnostics.HiddenGradientSeries h = d.hiddenGradients().get("l0");
    assertArrayEquals(new long[] {0, 20, 40}, h.steps());
    assertEquals(20, h.norms()[0].length);
    assertTrue(h.norms()[0][19] > 0 && h.norms()[0][0] < h.norms()[0][19],
        "the gradient of the last-step loss shrinks back through time");
    assertEquals(List.of("f", "g", "i", "o"), List.copyOf(d.saturation().get("l0").keySet()));
    assertEquals(3 * 8 * 20 * 8, sum(d.saturation().get("l0").get("f").total()));
    assertEquals(4, d.spectra().get("weight_hh_l0").gateBlocks());
    assertArrayEquals(new long[] {0, 20, 40}, d.parameters().get("weight_hh_l0").steps());
    assertTrue(d.parameters().get("weight_hh_l0").updateRatio()[0] > 0);
    assertTrue(d.clipping().steps().length > 0, "max_norm 0.05 clips");
    assertTrue(d.clipping().preClipNorm()[0] > 0.05);

    String html = Files.readString(run.resolve("report.html"));
    for (String section : List.of("Summary", "Gradient flow through time", "Training", "Parameters")) {
      assertTrue(html.contains("<h2>" + section), section);
    }
    assertTrue(Files.isRegularFile(run.resolve("report/heatmap-l0.png")));
  }

  @Test
  void everyStepLossIsProbedWithTheLastStepGradientOnly() throws Exception {
    Path run = run("copy", COPY);
    Diagnostics d = DiagnosticsStore.read(run.resolve("diagnostics.h5"));
    double[] row = d.hiddenGradients().get("l0").norms()[0];
    assertEquals(16, row.length);   // delay 10 + 2 * copy_length 3
    // only the last output's gradient enters, so nothing is added on the way back
    for (int t = 0; t < row.length - 1; t++) {
      assertTrue(row[t] < row[row.length - 1], "t=" + t);
    }
    assertEquals(List.of("n", "r", "z"), List.copyOf(d.saturation().get("l0").keySet()));
    assertEquals(3, d.spectra().get("weight_hh_l0").gateBlocks());
  }

  @Test
  void resumedRunContinuesTheDiagnosticsAsIfUninterrupted() throws Exception {
    Path run = run("resume", adding("lstm", 8, 60, 20));
    Diagnostics whole = DiagnosticsStore.read(run.resolve("diagnostics.h5"));
    // lose the last checkpoint: the run resumes at step 30 and trains 30..60 again
    Files.delete(run.resolve("checkpoints").resolve(CheckpointStore.fileName(60)));
    CliRunner.Result r = CliRunner.run("run", "--resume", run.toString(), "--threads", "1");
    assertEquals(0, r.code(), r.err());
    Diagnostics resumed = DiagnosticsStore.read(run.resolve("diagnostics.h5"));
    for (String name : List.of("train/loss", "eval/loss", "lr")) {
      assertArrayEquals(whole.scalars().get(name).steps(), resumed.scalars().get(name).steps(), name);
      assertArrayEquals(whole.scalars().get(name).values(), resumed.scalars().get(name).values(), name);
    }
    Diagnostics.HiddenGradientSeries a = whole.hiddenGradients().get("l0");
    Diagnostics.HiddenGradientSeries b = resumed.hiddenGradients().get("l0");
    assertArrayEquals(a.steps(), b.steps());
    assertArrayEquals(a.norms()[2], b.norms()[2]);
    assertArrayEquals(whole.clipping().steps(), resumed.clipping().steps());
  }

  @Test
  void tanhRnnOnTheAddingProblemIsJudgedVanishing() throws Exception {
    Path run = run("tanh", adding("rnn_tanh", 16, 41, 60));
    Diagnostics d = DiagnosticsStore.read(run.resolve("diagnostics.h5"));
    GradientFlowVerdict v = GradientFlowVerdict.assess("l0", d.hiddenGradients().get("l0"));
    assertEquals(GradientFlowVerdict.Verdict.VANISHING, v.verdict(), v.reason());
  }

  @Test
  void compareWritesOnePageForTwoRuns() throws Exception {
    Path a = run("a", adding("lstm", 8, 20, 10));
    Path b = run("b", adding("gru", 8, 20, 10));
    Path out = dir.resolve("cmp/compare.html");
    Files.createDirectories(out.getParent());
    CliRunner.Result r = CliRunner.run("compare", a.toString(), b.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String html = Files.readString(out);
    assertTrue(html.contains(a.getFileName().toString()) && html.contains(b.getFileName().toString()));

    Files.delete(a.resolve("report.html"));
    r = CliRunner.run("report", a.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isRegularFile(a.resolve("report.html")));
  }

  @Test
  void reportAndCompareRejectABadDirectoryInOneLine() throws Exception {
    Path missing = dir.resolve("nope");
    for (String[] args : List.of(new String[] {"report", missing.toString()},
        new String[] {"compare", dir.toString(), missing.toString()})) {
      CliRunner.Result r = CliRunner.run(args);
      assertEquals(2, r.code(), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("rnnlab: ") && r.err().contains("is not a run directory"), r.err());
    }
    assertFalse(Files.exists(dir.resolve("compare.html")));
    for (String cmd : List.of("report", "compare")) {
      CliRunner.Result help = CliRunner.run(cmd, "--help");
      assertEquals(0, help.code());
      assertTrue(help.out().contains("RUN_DIR"), help.out());
    }
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }
}
