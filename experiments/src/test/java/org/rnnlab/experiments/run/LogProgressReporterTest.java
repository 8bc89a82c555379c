package org.rnnlab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogProgressReporterTest {
  @Test
  void printsAtMostOneLinePerIntervalPlusTheFinalOne() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    long[] now = {0};
    LogProgressReporter p = new LogProgressReporter(1000, 0, new PrintStream(buf, true, StandardCharsets.UTF_8),
        () -> now[0], 10_000_000_000L);
    for (int step = 1; step <= 1000; step++) {
      now[0] = step * 50_000_000L; // 20 steps per second
      p.update(step, "loss=" + step);
    }
    p.close();
    String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(6, lines.length, String.join("\n", lines));
    assertEquals("step 200/1000 (20%) 20.0 steps/s eta 40s loss=200", lines[0]);
    assertEquals("step 1000/1000 (100%) 20.0 steps/s eta 0s loss=1000", lines[5]);
  }

  @Test
  void aRunResumedAtItsLastStepShowsNoRate() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    long[] now = {0};
    LogProgressReporter p = new LogProgressReporter(5000, 5000,
        new PrintStream(buf, true, StandardCharsets.UTF_8), () -> now[0], 10_000_000_000L);
    now[0] = 2_000_000_000L;
    p.close();
    assertEquals("step 5000/5000 (100%) \n", buf.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }
}
