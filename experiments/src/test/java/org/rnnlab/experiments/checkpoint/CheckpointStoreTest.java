package org.rnnlab.experiments.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File naming, ordering, retention and leftovers of the checkpoint directory. */
class CheckpointStoreTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void filesAreNamedStepNWithoutPadding() {
    assertEquals("step-0.h5", CheckpointStore.fileName(0));
    assertEquals("step-1500.h5", CheckpointStore.fileName(1500));
    assertThrows(IllegalArgumentException.class, () -> CheckpointStore.fileName(-1));
  }

  @Test
  void orderAndRetentionFollowTheStepNumberNotTheName() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2);
    for (long step : new long[] {9, 99, 100, 998, 999, 1000}) {
      store.save(CheckpointFixtures.sample(step));
    }
    // by name "step-1000.h5" < "step-999.h5"; the store must still keep 999 and 1000
    assertEquals(List.of("step-1000.h5", "step-999.h5"), names());
    assertEquals(List.of(dir.resolve("step-999.h5"), dir.resolve("step-1000.h5")), store.list());
    assertEquals(1000, CheckpointStore.latestValid(dir, w -> { }).orElseThrow().checkpoint().step());
  }

  @Test
  void filesThatOnlyLookLikeCheckpointsAreIgnored() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 5);
    store.save(CheckpointFixtures.sample(3));
    for (String n : List.of("step-007.h5", "step-.h5", "step-4.h5.bak", "step-5.hdf5", "ckpt-0000000009.h5")) {
      Files.writeString(dir.resolve(n), "not a checkpoint");
    }
    assertEquals(List.of(dir.resolve("step-3.h5")), store.list());
    List<String> warnings = new ArrayList<>();
    assertEquals(3, CheckpointStore.latestValid(dir, warnings::add).orElseThrow().checkpoint().step());
    assertEquals(List.of(), warnings);
  }

  @Test
  void temporaryFileOfAKilledWriterIsIgnoredAndRemovedOnResume() throws Exception {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.save(CheckpointFixtures.sample(10));
    long deadPid = deadPid();
    Path leftover = dir.resolve(".step-20.h5.tmp-" + deadPid);
    Files.write(leftover, new byte[] {(byte) 0x89, 'H', 'D', 'F'});
    List<String> warnings = new ArrayList<>();
    CheckpointStore.Loaded found = CheckpointStore.latestValid(dir, warnings::add).orElseThrow();
    assertEquals(10, found.checkpoint().step());
    assertFalse(Files.exists(leftover));
    assertEquals(List.of("removed " + leftover + ", left by an interrupted checkpoint write"), warnings);
  }

  @Test
  void temporaryFileOfALiveProcessIsLeftAlone() throws IOException {
    assumeTrue(ProcessHandle.of(1).isPresent(), "no process 1 visible");
    Path live = dir.resolve(".step-20.h5.tmp-1");
    Files.writeString(live, "being written");
    new CheckpointStore(dir, 3).save(CheckpointFixtures.sample(10));
    assertTrue(Files.exists(live));
    assertEquals(List.of(".step-20.h5.tmp-1", "step-10.h5"), names());
  }

  @Test
  void saveAlsoRemovesTemporaryFilesOfDeadWriters() throws Exception {
    Path leftover = Files.writeString(dir.resolve(".step-5.h5.tmp-" + deadPid()), "partial");
    new CheckpointStore(dir, 3).save(CheckpointFixtures.sample(10));
    assertEquals(List.of("step-10.h5"), names());
    assertFalse(Files.exists(leftover));
  }

  /**
   * A full disk, simulated without root or a tiny file system: the writer's temporary file is a
   * symbolic link to /dev/full, where every write fails with ENOSPC.
   */
  @Test
  void fullDiskGivesAOneLineErrorAndLeavesNoCheckpointOrTemporaryFile() throws IOException {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "/dev/full not available");
    store(dir).save(CheckpointFixtures.sample(10));
    Path target = dir.resolve(CheckpointStore.fileName(20));
    Files.createSymbolicLink(dir.resolve(CheckpointWriter.tempName(target)), full);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> store(dir).save(CheckpointFixtures.sample(20)));
    assertTrue(e.getMessage().startsWith("cannot write checkpoint " + target + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertEquals(List.of("step-10.h5"), names());
    assertEquals(10, CheckpointStore.latestValid(dir, w -> { }).orElseThrow().checkpoint().step());
  }

  private static CheckpointStore store(Path dir) {
    return new CheckpointStore(dir, 3);
  }

  /** @return the pid of a process that has exited */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
