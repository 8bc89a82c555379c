package org.rnnlab.experiments.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Places a run cannot write to give one clear line and exit code 2, never a stack trace or a
 * partial checkpoint. A path below a regular file fails with ENOTDIR even for root, who ignores
 * permission bits; a full disk is covered at the store level with /dev/full
 * ({@code CheckpointStoreTest}), since mounting a tiny tmpfs needs privileges tests must not use.
 */
class UnwritableRunTest {
  @TempDir Path dir;

  @Test
  void outputDirectoryBelowARegularFileIsAOneLineErrorAndCreatesNothing() throws Exception {
    Path spec = RunFixture.writeSpec(dir, "small", RunFixture.SMALL);
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    RunFixture.Result r = RunFixture.cli("run", spec.toString(), "--out", file.resolve("runs").toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("rnnlab: cannot create run directory under " + file.resolve("runs") + ": "), r.err());
    assertTrue(r.err().contains("Not a directory") || r.err().contains("not a directory"), r.err());
    assertEquals("x", Files.readString(file));
  }

  @Test
  void checkpointDirectoryThatCannotBeCreatedStopsTheRunInOneLineWithNoPartialCheckpoint() throws Exception {
    Path spec = RunFixture.writeSpec(dir, "small", RunFixture.SMALL);
    RunFixture.cliOk("run", spec.toString(), "--out", dir.resolve("runs").toString());
    Path run = RunFixture.onlyRun(dir.resolve("runs"));
    Path checkpoints = run.resolve("checkpoints");
    try (Stream<Path> s = Files.list(checkpoints)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(checkpoints);
    Files.writeString(checkpoints, "a file where the checkpoint directory should be");

    RunFixture.Result r = RunFixture.cli("run", "--resume", run.toString());

    assertEquals(2, r.code(), r.err());
    String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("rnnlab: cannot create checkpoint directory " + checkpoints + ": "), last);
    assertTrue(last.endsWith(checkpoints + ": it exists and is not a directory"), last);
    assertFalse(r.err().contains("\tat "), r.err());
    try (Stream<Path> s = Files.list(run)) {
      List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.contains("step-")).toList();  // diagnostics.h5 is not a checkpoint
      assertEquals(List.of(), names, "partial checkpoint files in the run directory");
    }
    assertTrue(Files.readString(run.resolve("provenance.json")).contains("failed: cannot create checkpoint directory"));
  }
}
