package org.rnnlab.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.reports.testing.SampleRuns;

class ReportGeneratorTest {
  @TempDir Path dir;

  /** Everything that would make a browser fetch something or run code. */
  static void assertSelfContained(String html) {
    String lower = html.toLowerCase();
    assertFalse(lower.contains("http://") || lower.contains("https://"), "network reference");
    assertFalse(lower.contains("<script"), "script");
    assertFalse(lower.contains("<link"), "external stylesheet");
    assertFalse(lower.contains("<img"), "external image");
    assertFalse(lower.contains("@import"), "css import");
    assertFalse(Pattern.compile("\\ssrc=").matcher(lower).find(), "src attribute");
    Matcher url = Pattern.compile("url\\(([^)]*)\\)").matcher(lower);
    while (url.find()) {
      assertTrue(url.group(1).startsWith("#"), "only in-page url() references: " + url.group());
    }
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void reportIsOneSelfContainedFileWithChartsVerdictsAndSummary() throws IOException {
    Path run = SampleRuns.write(dir.resolve("rnn_tanh"), "rnn_tanh", 0.6, 1);
    Path report = ReportGenerator.generate(run);

    assertEquals(run.resolve("report.html"), report);
    String html = Files.readString(report);
    assertSelfContained(html);
    // heat map + loss, gradient norms, horizon, saturation, spectral radius
    assertEquals(6, count(html, "<svg"), "inline charts");
    assertEquals(count(html, "<svg"), count(html, "</svg>"));
    assertTrue(html.contains("<span class=\"badge vanishing\">VANISHING</span>"), "verdict badge");
    assertTrue(html.contains("gradient shrinks"), "verdict reason");
    assertTrue(html.contains("spec.cell.type"), "provenance flattened");
    assertTrue(html.contains("synthetic &lt;test&gt;"), "provenance escaped");
    assertTrue(html.contains("eval_accuracy"), "metrics.csv columns by header");
    assertTrue(html.contains("weight_hh_l0"), "parameter table");
    assertTrue(html.contains("clipping events"));
    for (String png : List.of("loss", "grad-norms", "horizon", "saturation", "spectral-radius",
        "heatmap-l0")) {
      BufferedImage img = ImageIO.read(run.resolve("report").resolve(png + ".png").toFile());
      assertNotNull(img, png);
      assertEquals(ReportGenerator.WIDTH, img.getWidth(), png);
    }
    assertFalse(Files.exists(run.resolve("report.html.tmp")));
  }

  @Test
  void svgIdsAreUniqueWithinThePage() throws IOException {
    String html = Files.readString(ReportGenerator.generate(
        SampleRuns.write(dir.resolve("lstm"), "lstm", 0.97, 2)));
    Matcher ids = Pattern.compile("\\sid=['\"]([^'\"]+)['\"]").matcher(html);
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (ids.find()) {
      assertTrue(seen.add(ids.group(1)), "duplicate id " + ids.group(1));
    }
    assertTrue(seen.contains("heatmap-l0-reverse"), "reverse-direction heat map");
    assertTrue(seen.size() > 7);
    assertTrue(html.contains("<span class=\"badge healthy\">HEALTHY</span>"));
  }

  @Test
  void reportOfARunWithoutDiagnosticsSaysSoInsteadOfFailing() throws IOException {
    Path run = Files.createDirectories(dir.resolve("empty-run"));
    Files.writeString(run.resolve("provenance.json"), "{\"seed\": 1,}");
    String html = Files.readString(ReportGenerator.generate(run));
    assertTrue(html.contains("no diagnostics.h5 in this run directory"), html);
    assertTrue(html.contains("provenance.json: JSON: expected a string key at offset 11"), html);
    assertSelfContained(html);
  }

  @Test
  void missingRunDirectoryIsAnError() {
    IOException e = assertThrows(IOException.class,
        () -> ReportGenerator.generate(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void comparisonShowsEachRunsVerdictsAndHeatMapsSideBySide() throws IOException {
    Path rnn = SampleRuns.write(dir.resolve("rnn_tanh"), "rnn_tanh", 0.6, 1);
    Path lstm = SampleRuns.write(dir.resolve("lstm"), "lstm", 0.97, 2);
    Path out = CompareReport.generate(List.of(rnn, lstm), dir.resolve("compare.html"));
    String html = Files.readString(out);
    assertSelfContained(html);
    assertTrue(html.contains("Comparison: rnn_tanh vs lstm"));
    assertTrue(html.contains("badge vanishing") && html.contains("badge healthy"));
    assertTrue(html.contains("grid-template-columns:repeat(2, minmax(0, 1fr))"));
    // heat maps (rnn: l0; bidirectional lstm: l0, l0_reverse) plus overlaid loss, horizon and
    // spectral radius
    assertEquals(6, count(html, "<svg"));
    assertTrue(html.contains("rnn_tanh: train/loss") && html.contains("lstm: train/loss"),
        "overlaid loss legend");
    assertTrue(Files.exists(dir.resolve("compare").resolve("run1-heatmap-l0.png")));
  }

  @Test
  void comparisonNeedsTwoRuns() {
    assertThrows(IllegalArgumentException.class,
        () -> CompareReport.generate(List.of(dir), dir.resolve("c.html")));
  }
}
