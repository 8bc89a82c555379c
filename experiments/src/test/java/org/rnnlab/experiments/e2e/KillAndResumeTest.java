package org.rnnlab.experiments.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.checkpoint.CheckpointStore;

/**
 * A run killed with SIGKILL at several points and resumed each time ends bit-identical to a run
 * that was never interrupted: same final weights, same metrics rows (wall time aside).
 */
class KillAndResumeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final long STEPS = 400;
  private static final long EVERY = 25;

  /** About 2-3 ms per step once warm: long enough for kills to land mid-run, short enough for CI. */
  private static final String SPEC = """
      model:
        cell: {type: lstm}
        hidden_size: 16
      task: {type: adding, seq_len: 40}
      loss: {type: mse}
      optimizer: {type: adam, lr: 1.0e-2}
      regularizers:
        - {type: clip_norm, max_norm: 1.0}
      training:
        steps: %d
        batch_size: 16
        eval_every: 100
        eval_batches: 2
        log_every: 5
        threads: 1
      checkpoint: {every: %d, keep_last: 3}
      seed: 11
      """.formatted(STEPS, EVERY);

  @TempDir Path dir;

  @Test
  void runKilledAtSeveralPointsResumesToTheSameWeightsAndMetricsAsAnUninterruptedRun() throws Exception {
    Path spec = RunFixture.writeSpec(dir, "kill", SPEC);
    RunFixture.cliOk("run", spec.toString(), "--out", dir.resolve("reference").toString());
    Path reference = RunFixture.onlyRun(dir.resolve("reference"));

    Path out = dir.resolve("killed");
    List<String> kills = new ArrayList<>();
    try (ChildRun first = ChildRun.start(dir, "run", spec.toString(), "--out", out.toString())) {
      // right after the first checkpoint appears (the run directory exists once it has been written)
      assertTrue(first.killWhen(() -> newestCheckpoint(out) >= EVERY, TIMEOUT), "finished before the kill:\n" + first.output());
    }
    Path run = RunFixture.onlyRun(out);
    kills.add("after first checkpoint: " + state(run));
    long resumed = newestCheckpoint(out);
    try (ChildRun second = ChildRun.start(dir, "run", "--resume", run.toString())) {
      // between checkpoints: a metrics row half-way to the next checkpoint
      long target = resumed + EVERY + EVERY / 2;
      assertTrue(second.killWhen(() -> lastMetricsStep(run) >= target, TIMEOUT), "finished before the kill:\n" + second.output());
    }
    kills.add("mid-interval: " + state(run));
    long before = newestCheckpoint(out);
    try (ChildRun third = ChildRun.start(dir, "run", "--resume", run.toString())) {
      // right after a later checkpoint than the one it resumed from
      assertTrue(third.killWhen(() -> newestCheckpoint(out) > before + EVERY, TIMEOUT), "finished before the kill:\n" + third.output());
    }
    kills.add("after a later checkpoint: " + state(run));
    try (ChildRun fourth = ChildRun.start(dir, "run", "--resume", run.toString())) {
      // as soon as a checkpoint is being written (a temporary file exists), or right after the next one
      long at = newestCheckpoint(out);
      assertTrue(fourth.killWhen(() -> hasTemporary(run) || newestCheckpoint(out) > at, TIMEOUT),
          "finished before the kill:\n" + fourth.output());
    }
    kills.add("during/after a checkpoint write: " + state(run));
    assertTrue(newestCheckpoint(out) < STEPS, "no kill interrupted the run: " + kills);

    RunFixture.Result last = RunFixture.cliOk("run", "--resume", run.toString());
    assertTrue(last.out().contains("steps=" + STEPS), last.out());
    assertFalse(hasTemporary(run), "temporary checkpoint files left: " + state(run));
    RunFixture.assertBitIdentical(RunFixture.finalParams(reference), RunFixture.finalParams(run));
    assertEquals(RunFixture.metricsWithoutWallTime(reference), RunFixture.metricsWithoutWallTime(run), kills.toString());
    assertEquals(4, provenanceSessions(run), "earlier sessions' provenance files");
    assertWallTimeNeverDecreases(run);
  }

  /** Each session's clock starts at 0; the column must still count up across the five sessions. */
  private static void assertWallTimeNeverDecreases(Path run) throws IOException {
    double previous = 0;
    for (String row : Files.readAllLines(run.resolve("metrics.csv")).subList(1, 1 + (int) (STEPS / 5))) {
      double t = Double.parseDouble(row.split(",")[1]);
      assertTrue(t >= previous, "wall_time_s goes back from " + previous + " to " + t + " at " + row);
      previous = t;
    }
  }

  private static long newestCheckpoint(Path out) {
    try {
      if (!Files.isDirectory(out)) {
        return -1;
      }
      try (Stream<Path> runs = Files.list(out)) {
        List<Path> dirs = runs.toList();
        if (dirs.isEmpty()) {
          return -1;
        }
        List<Path> files = new CheckpointStore(dirs.getFirst().resolve("checkpoints"), 1).list();
        return files.isEmpty() ? -1 : CheckpointStore.stepOf(files.getLast());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the step of the last complete row of metrics.csv, -1 if none */
  private static long lastMetricsStep(Path run) {
    try {
      String text = Files.readString(run.resolve("metrics.csv"));
      int end = text.lastIndexOf('\n');
      int startOfLast = text.lastIndexOf('\n', end - 1) + 1;
      String row = end <= 0 ? "" : text.substring(startOfLast, end);
      return row.isEmpty() || row.startsWith("step") ? -1 : Long.parseLong(row.substring(0, row.indexOf(',')));
    } catch (IOException e) {
      return -1;
    }
  }

  private static boolean hasTemporary(Path run) {
    try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
      return s.anyMatch(p -> p.getFileName().toString().contains(".tmp-"));
    } catch (IOException e) {
      return false;
    }
  }

  private static String state(Path run) throws IOException {
    try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList() + " metrics up to " + lastMetricsStep(run);
    }
  }

  private static long provenanceSessions(Path run) throws IOException {
    try (Stream<Path> s = Files.list(run)) {
      return s.filter(p -> p.getFileName().toString().startsWith("provenance.session-")).count();
    }
  }
}
