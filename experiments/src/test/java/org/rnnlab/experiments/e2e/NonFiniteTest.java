package org.rnnlab.experiments.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.experiments.checkpoint.CheckpointReader;
import org.rnnlab.experiments.checkpoint.CheckpointStore;

/**
 * {@code training.on_nonfinite} through the real trainer: {@code stop} fails in one line naming
 * the step and the first bad value and never checkpoints a non-finite state; {@code skip}
 * finishes and reports how many steps it skipped.
 */
class NonFiniteTest {
  private static final Pattern STOPPED = Pattern.compile(
      "rnnlab: non-finite value at step (\\d+): (.+); stopped, the last good checkpoint is kept.*");
  private static final Pattern SKIPPED = Pattern.compile("rnnlab: step (\\d+) skipped: non-finite (.+)");

  @TempDir Path dir;

  /** The small run with a checkpoint after every step, so "the last good one" is exactly step - 1. */
  private static String spec(String optimizer, String loss, String policy) {
    return RunFixture.SMALL
        .replace("optimizer: {type: adam, lr: 1.0e-2}", "optimizer: " + optimizer)
        .replace("loss: {type: mse}", "loss: " + loss)
        .replace("regularizers:\n  - {type: clip_norm, max_norm: 1.0}\n", "")
        .replace("log_every: 5", "log_every: 1\n  on_nonfinite: " + policy)
        .replace("checkpoint: {every: 10, keep_last: 3}", "checkpoint: {every: 1, keep_last: 1000}");
  }

  private RunFixture.Result run(String name, String yaml) throws Exception {
    Path spec = RunFixture.writeSpec(dir, name, yaml);
    return RunFixture.cli("run", spec.toString(), "--out", dir.resolve(name).toString());
  }

  /** Asserts exit 2 with the one-line stop message; returns the step it names and what it names. */
  private static Matcher stopped(RunFixture.Result r) {
    assertEquals(2, r.code(), r.err());
    String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    Matcher m = STOPPED.matcher(last);
    assertTrue(m.matches(), "last line: " + last + "\nall:\n" + r.err());
    return m;
  }

  private static void assertEveryCheckpointFinite(Path run) {
    for (Path f : RunFixture.checkpoints(run)) {
      for (Map.Entry<String, Tensor> p : CheckpointReader.read(f).params().entrySet()) {
        assertEquals(-1, p.getValue().firstNonFinite(), f.getFileName() + " holds a non-finite " + p.getKey());
      }
    }
  }

  private static long newestStep(Path run) {
    List<Path> files = RunFixture.checkpoints(run);
    return files.isEmpty() ? 0 : CheckpointStore.stepOf(files.getLast());
  }

  @Test
  void divergingSgdStopsNamingTheStepAndKeepsTheLastGoodCheckpoint() throws Exception {
    RunFixture.Result r = run("diverge", spec("{type: sgd, lr: 1.0e6}", "{type: mse}", "stop"));
    Matcher m = stopped(r);
    long step = Long.parseLong(m.group(1));
    assertTrue(step > 1, "diverged at step " + step);
    Path run = RunFixture.onlyRun(dir.resolve("diverge"));
    assertEquals(step - 1, newestStep(run), "the newest checkpoint must be the last good step");
    assertEveryCheckpointFinite(run);
    assertTrue(Files.readString(run.resolve("provenance.json")).contains("failed: non-finite value at step " + step));
  }

  @Test
  void updateThatOverflowsTheParametersStopsAtThatStepNamingTheParameter() throws Exception {
    // every gradient element times 1e300 overflows float32: the parameters, not the loss, go bad first
    RunFixture.Result r = run("overflow", spec("{type: sgd, lr: 1.0e300}", "{type: mse}", "stop"));
    Matcher m = stopped(r);
    assertEquals("1", m.group(1), r.err());
    assertTrue(m.group(2).matches("parameter (weight|bias)_\\w+\\[\\d+] = -?Infinity after the optimizer update"),
        m.group(2));
    Path run = RunFixture.onlyRun(dir.resolve("overflow"));
    assertEquals(List.of(), RunFixture.checkpoints(run));
  }

  @Test
  void skipFinishesAndReportsTheSkippedStepsAndStopHaltsAtTheFirstOfThem() throws Exception {
    String loss = "{type: test_nan_above, threshold: 1.8}";
    RunFixture.Result skip = run("skip", spec("{type: adam, lr: 1.0e-2}", loss, "skip"));
    assertEquals(0, skip.code(), skip.err());
    assertTrue(skip.out().contains("steps=40"), skip.out());
    List<Long> skipped = skip.err().lines().map(SKIPPED::matcher).filter(Matcher::matches)
        .map(x -> Long.parseLong(x.group(1))).toList();
    assertFalse(skipped.isEmpty(), "seed 7 has batches with a target above 1.8; nothing was skipped:\n" + skip.err());
    assertTrue(skip.err().contains("rnnlab: " + skipped.size() + " step(s) skipped because of non-finite values"),
        skip.err());
    Path run = RunFixture.onlyRun(dir.resolve("skip"));
    // the count reaches the summary line and provenance.json, not only the log
    assertTrue(skip.out().contains("skipped_steps=" + skipped.size()), skip.out());
    assertTrue(Files.readString(run.resolve("provenance.json"))
        .contains("finished, " + skipped.size() + " step(s) skipped for non-finite values"));
    List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(1 + 40 - skipped.size(), rows.size(), "one row per step that was not skipped");
    for (long s : skipped) {
      assertTrue(rows.stream().noneMatch(row -> row.startsWith(s + ",")), "metrics row for skipped step " + s);
    }
    assertEveryCheckpointFinite(run);

    RunFixture.Result stop = run("stop", spec("{type: adam, lr: 1.0e-2}", loss, "stop"));
    Matcher m = stopped(stop);
    assertEquals(skipped.getFirst(), Long.parseLong(m.group(1)));
    assertEquals("loss = NaN", m.group(2));
    assertEquals(skipped.getFirst() - 1, newestStep(RunFixture.onlyRun(dir.resolve("stop"))));
  }
}
