package org.rnnlab.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.reports.testing.SampleRuns;

/**
 * Renders reports in headless Chromium: no console messages (the page has no scripts, so any
 * message means a parse, CSP or load problem) and a screenshot that actually shows charts.
 * Skipped when {@code /usr/bin/chromium} is absent ({@code .ci/run} installs it).
 */
class ReportBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 2000;

  @TempDir Path dir;

  @BeforeAll
  static void needsChromium() {
    assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " not installed");
  }

  /** Console lines and the screenshot of one page. */
  private record Rendered(List<String> consoleLines, BufferedImage screenshot) {}

  private Rendered render(Path html, String name) throws IOException, InterruptedException {
    Path png = dir.resolve(name + ".png");
    Path stderr = dir.resolve(name + ".stderr");
    Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("chromium-profile"), "--screenshot=" + png,
        "--window-size=" + WIDTH + "," + HEIGHT, "--enable-logging=stderr", "--v=0",
        html.toUri().toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile()).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 30 s");
    }
    // Chromium logs every console message, whatever its level, as "...:CONSOLE...] "text""
    List<String> console = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains(":CONSOLE")).toList();
    assertTrue(Files.exists(png), "no screenshot; chromium exit " + p.exitValue() + ": "
        + Files.readString(stderr));
    return new Rendered(console, ImageIO.read(png.toFile()));
  }

  @Test
  void consoleCheckCatchesAPageWithErrors() throws Exception {
    Path bad = dir.resolve("bad.html");
    Files.writeString(bad, "<!DOCTYPE html><p>x</p><script>console.error('boom')</script>");
    assertEquals(1, render(bad, "bad").consoleLines().size());
  }

  @Test
  void reportRendersWithoutConsoleMessagesAndShowsCharts() throws Exception {
    Path run = SampleRuns.write(dir.resolve("rnn_tanh"), "rnn_tanh", 0.6, 1);
    Rendered r = render(ReportGenerator.generate(run), "report");

    assertEquals(List.of(), r.consoleLines());
    BufferedImage img = r.screenshot();
    assertNotNull(img);
    assertEquals(WIDTH, img.getWidth());
    assertEquals(HEIGHT, img.getHeight());
    Set<Integer> colours = new HashSet<>();
    long nonWhite = 0;
    long viridisDark = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        if (rgb != 0xFFFFFF) {
          nonWhite++;
        }
        // the vanishing end of the heat map is drawn in viridis' darkest purple (#440154)
        if (near(rgb, 0x440154, 40)) {
          viridisDark++;
        }
      }
    }
    assertTrue(colours.size() > 200, "distinct colours: " + colours.size());
    assertTrue(nonWhite > img.getWidth() * (long) img.getHeight() / 10, "non-white " + nonWhite);
    assertTrue(viridisDark > 2000, "dark heat-map pixels: " + viridisDark);
  }

  @Test
  void comparisonRendersWithoutConsoleMessages() throws Exception {
    Path rnn = SampleRuns.write(dir.resolve("rnn_tanh"), "rnn_tanh", 0.6, 1);
    Path lstm = SampleRuns.write(dir.resolve("lstm"), "lstm", 0.97, 2);
    Path html = CompareReport.generate(List.of(rnn, lstm), dir.resolve("compare.html"));
    assertEquals(List.of(), render(html, "compare").consoleLines());
  }

  private static boolean near(int rgb, int target, int tolerance) {
    return Math.abs(((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF)) <= tolerance
        && Math.abs(((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF)) <= tolerance
        && Math.abs((rgb & 0xFF) - (target & 0xFF)) <= tolerance;
  }
}
