package org.rnnlab.experiments.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

class CheckpointTest {
  @TempDir Path dir;

  static void assertBitExact(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((k, e) -> {
      Tensor a = actual.get(k);
      assertArrayEquals(e.shape(), a.shape(), k);
      assertEquals(e.dtype(), a.dtype(), k);
      for (int i = 0; i < e.size(); i++) {
        assertEquals(Double.doubleToRawLongBits(e.get(i)), Double.doubleToRawLongBits(a.get(i)), k + "[" + i + "]");
      }
    });
  }

  @Test
  void roundTripIsBitExactForEverySection() {
    Checkpoint c = CheckpointFixtures.sample(40);
    Path f = dir.resolve("c.h5");
    CheckpointWriter.write(f, c);
    Checkpoint back = CheckpointReader.read(f);
    assertBitExact(c.params(), back.params());
    assertEquals(List.copyOf(c.params().keySet()), List.copyOf(back.params().keySet()), "parameter order");
    assertBitExact(c.optimizerState(), back.optimizerState());
    assertEquals(c.rng(), back.rng());
    assertEquals(c.spec(), back.spec());
    assertEquals(c.provenance(), back.provenance());
    assertEquals(List.of(40L, 0L, 80L), List.of(back.step(), back.epoch(), back.dataPosition()));
  }

  @Test
  void writingLeavesNoTemporaryFile() throws IOException {
    CheckpointWriter.write(dir.resolve("c.h5"), CheckpointFixtures.sample(1));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("c.h5"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void storeKeepsOnlyTheNewestK() {
    CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"), 2);
    for (long step = 10; step <= 50; step += 10) {
      store.save(CheckpointFixtures.sample(step));
    }
    assertEquals(List.of("step-40.h5", "step-50.h5"),
        store.list().stream().map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void truncatedNewestFallsBackToThePreviousValidOne() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.save(CheckpointFixtures.sample(10));
    Path newest = store.save(CheckpointFixtures.sample(20));
    try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }
    List<String> warnings = new ArrayList<>();
    Optional<CheckpointStore.Loaded> found = CheckpointStore.latestValid(dir, warnings::add);
    assertEquals(10, found.orElseThrow().checkpoint().step());
    assertEquals(1, warnings.size());
    assertTrue(warnings.getFirst().contains("step-20.h5"), warnings.getFirst());
    assertEquals(1, warnings.getFirst().lines().count());
  }

  @Test
  void flippedDataByteIsDetectedByTheChecksum() throws IOException {
    Path f = dir.resolve(CheckpointStore.fileName(5));
    Checkpoint c = CheckpointFixtures.sample(5);
    CheckpointWriter.write(f, c);
    byte[] bytes = Files.readAllBytes(f);
    // find the float32 bits of a parameter value and change one mantissa bit
    int bits = Float.floatToRawIntBits(c.params().get("weight_hh_l0").floats()[7]);
    int at = indexOf(bytes, new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
    assertTrue(at >= 0, "value bytes not found in file");
    bytes[at] ^= 1;
    Files.write(f, bytes);
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(f));
    assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
    assertTrue(CheckpointStore.latestValid(dir, w -> { }).isEmpty());
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void unknownFormatVersionIsRejectedWithBothVersions() {
    Path f = dir.resolve("v99.h5");
    try (WritableHdfFile h = HdfFile.write(f)) {
      h.putAttribute("format_version", 99L);
    }
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(f));
    assertTrue(e.getMessage().endsWith("has checkpoint format_version 99; this rnnlab reads version 1"), e.getMessage());
  }

  @Test
  void missingGroupIsNamed() {
    Path f = dir.resolve("partial.h5");
    try (WritableHdfFile h = HdfFile.write(f)) {
      h.putAttribute("format_version", 1L);
    }
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(f));
    assertTrue(e.getMessage().endsWith("is not a complete rnnlab checkpoint: missing group /params"), e.getMessage());
  }

  @Test
  void hdf5FileWithoutOurAttributesIsNotACheckpoint() {
    Path f = dir.resolve("other.h5");
    try (WritableHdfFile h = HdfFile.write(f)) {
      h.putDataset("x", new float[] {1f});
    }
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(f));
    assertTrue(e.getMessage().endsWith("missing attribute format_version"), e.getMessage());
  }

  @Test
  void directoryThatCannotBeCreatedGivesAClearErrorAndNoFile() throws IOException {
    Path blocker = Files.createFile(dir.resolve("blocker"));
    CheckpointStore store = new CheckpointStore(blocker.resolve("checkpoints"), 1);
    CheckpointException e = assertThrows(CheckpointException.class, () -> store.save(CheckpointFixtures.sample(1)));
    assertTrue(e.getMessage().startsWith("cannot create checkpoint directory " + blocker.resolve("checkpoints")),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void unwritableDirectoryGivesAClearErrorAndLeavesNoPartialFile() throws IOException {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeTrue(!Files.isWritable(ro), "running as root: permissions do not stop writes, skipping");
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> CheckpointWriter.write(ro.resolve("c.h5"), CheckpointFixtures.sample(1)));
      assertTrue(e.getMessage().startsWith("cannot write checkpoint " + ro.resolve("c.h5") + ": "), e.getMessage());
      try (Stream<Path> s = Files.list(ro)) {
        assertEquals(0, s.count());
      }
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void failedWriteRemovesItsTemporaryFile() throws IOException {
    Checkpoint bad = new Checkpoint(1, 0, 0, Map.of("bad/name", Tensor.zeros(DType.FLOAT32, 2)), Map.of(),
        Map.of(), "", "");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> CheckpointWriter.write(dir.resolve("c.h5"), bad));
    assertTrue(e.getMessage().contains("parameter name 'bad/name' must be non-empty and contain no '/'"), e.getMessage());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count());
    }
  }
}
