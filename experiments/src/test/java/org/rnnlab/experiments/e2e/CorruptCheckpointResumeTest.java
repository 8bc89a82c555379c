package org.rnnlab.experiments.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.tensor.Tensor;

/**
 * A damaged newest checkpoint (torn write, bad sector) is reported in one line naming the file;
 * the run resumes from the previous valid one and still ends exactly where it would have. A run
 * that had finished resumes to nothing and reports what it reported then.
 */
class CorruptCheckpointResumeTest {
  @TempDir Path dir;

  private Path completedRun() throws Exception {
    Path spec = RunFixture.writeSpec(dir, "small", RunFixture.SMALL);
    RunFixture.cliOk("run", spec.toString(), "--out", dir.resolve("runs").toString());
    return RunFixture.onlyRun(dir.resolve("runs"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"truncated", "garbled"})
  void damagedNewestCheckpointIsNamedSkippedAndTheResumedRunEndsIdentically(String damage) throws Exception {
    Path run = completedRun();
    Map<String, Tensor> expected = RunFixture.finalParams(run);
    List<String> expectedMetrics = RunFixture.metricsWithoutWallTime(run);
    Path newest = run.resolve("checkpoints/step-40.h5");
    try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw")) {
      if (damage.equals("truncated")) {
        raf.setLength(raf.length() / 2);
      } else {
        byte[] junk = new byte[256];
        Arrays.fill(junk, (byte) 0x5A);
        raf.seek(raf.length() / 2);
        raf.write(junk);
      }
    }

    RunFixture.Result r = RunFixture.cliOk("run", "--resume", run.toString());

    List<String> about = r.err().lines().filter(l -> l.contains("step-40.h5")).toList();
    assertEquals(1, about.size(), r.err());
    assertTrue(about.getFirst().startsWith("rnnlab: skipping checkpoint: "), about.getFirst());
    assertTrue(about.getFirst().contains(newest.toString()), about.getFirst());
    assertTrue(r.out().contains("steps=40"), r.out());
    String provenance = Files.readString(run.resolve("provenance.json"));
    assertTrue(provenance.contains("\"resumed_from_step\" : 30"), provenance);
    RunFixture.assertBitIdentical(expected, RunFixture.finalParams(run));
    assertEquals(expectedMetrics, RunFixture.metricsWithoutWallTime(run));
  }

  @Test
  void resumingAFinishedRunTrainsNothingAndRepeatsItsSummary() throws Exception {
    Path spec = RunFixture.writeSpec(dir, "small", RunFixture.SMALL);
    RunFixture.Result first = RunFixture.cliOk("run", spec.toString(), "--out", dir.resolve("runs").toString());
    Path run = RunFixture.onlyRun(dir.resolve("runs"));
    Map<String, Tensor> expected = RunFixture.finalParams(run);
    List<String> expectedMetrics = RunFixture.metricsWithoutWallTime(run);
    String summary = first.out().lines().filter(l -> l.startsWith("run finished:")).findFirst().orElseThrow();

    RunFixture.Result again = RunFixture.cliOk("run", "--resume", run.toString());

    assertTrue(again.err().contains("already reached step 40 of 40; nothing left to train"), again.err());
    // the same losses as the finished run printed, not NaN
    assertTrue(again.out().contains(summary), again.out());
    RunFixture.assertBitIdentical(expected, RunFixture.finalParams(run));
    assertEquals(expectedMetrics, RunFixture.metricsWithoutWallTime(run));
  }

  @Test
  void temporaryFileOfAKilledWriterIsIgnoredAndRemovedOnResume() throws Exception {
    Path run = completedRun();
    Map<String, Tensor> expected = RunFixture.finalParams(run);
    Path checkpoints = run.resolve("checkpoints");
    Files.delete(checkpoints.resolve("step-40.h5"));
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    // what a writer killed before its rename leaves: a partial file under the temporary name
    byte[] partial = Arrays.copyOf(Files.readAllBytes(checkpoints.resolve("step-30.h5")), 4096);
    Path leftover = Files.write(checkpoints.resolve(".step-40.h5.tmp-" + gone.pid()), partial);

    RunFixture.Result r = RunFixture.cliOk("run", "--resume", run.toString());

    assertTrue(r.err().contains("rnnlab: removed " + leftover + ", left by an interrupted checkpoint write"), r.err());
    assertFalse(r.err().contains("skipping"), r.err());
    assertFalse(Files.exists(leftover));
    RunFixture.assertBitIdentical(expected, RunFixture.finalParams(run));
  }
}
