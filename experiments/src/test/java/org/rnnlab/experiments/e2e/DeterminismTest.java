package org.rnnlab.experiments.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same spec and seed give bit-identical runs through the real trainer, whatever the thread count. */
class DeterminismTest {
  @TempDir Path dir;

  private Path run(String name, String... extra) throws Exception {
    Path spec = RunFixture.writeSpec(dir, "small", RunFixture.SMALL);
    Path out = dir.resolve(name);
    String[] args = new String[4 + extra.length];
    args[0] = "run";
    args[1] = spec.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    args[2 + extra.length] = "--out";
    args[3 + extra.length] = out.toString();
    RunFixture.cliOk(args);
    return RunFixture.onlyRun(out);
  }

  @Test
  void sameSpecAndSeedGiveBitIdenticalMetricsAndWeightsWithOneOrTwoThreads() throws Exception {
    Path a = run("a", "--threads", "1");
    Path b = run("b", "--threads", "2");
    Path c = run("c", "training.threads=2");
    List<String> metrics = RunFixture.metricsWithoutWallTime(a);
    assertEquals(1 + 8, metrics.size(), "header + one row per 5 steps: " + metrics);
    assertEquals(metrics, RunFixture.metricsWithoutWallTime(b));
    assertEquals(metrics, RunFixture.metricsWithoutWallTime(c));
    RunFixture.assertBitIdentical(RunFixture.finalParams(a), RunFixture.finalParams(b));
    RunFixture.assertBitIdentical(RunFixture.finalParams(a), RunFixture.finalParams(c));
    assertTrue(RunFixture.checkpoints(a).getLast().endsWith("step-40.h5"), RunFixture.checkpoints(a).toString());
  }

  @Test
  void differentSeedGivesDifferentMetricsAndWeights() throws Exception {
    Path a = run("a");
    Path b = run("b", "seed=8");
    List<String> ma = RunFixture.metricsWithoutWallTime(a);
    List<String> mb = RunFixture.metricsWithoutWallTime(b);
    assertEquals(ma.getFirst(), mb.getFirst());
    for (int i = 1; i < ma.size(); i++) {
      assertNotEquals(ma.get(i), mb.get(i), "row " + i + " is the same for seeds 7 and 8");
    }
    assertTrue(RunFixture.anyDifference(RunFixture.finalParams(a), RunFixture.finalParams(b)),
        "seeds 7 and 8 ended with identical weights");
  }
}
