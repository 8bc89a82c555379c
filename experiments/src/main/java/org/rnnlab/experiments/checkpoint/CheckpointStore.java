package org.rnnlab.experiments.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's checkpoint directory: files {@code ckpt-<step, 10 digits>.h5}, of which the newest
 * {@code keepLast} are kept. Owned by one run (one process); not thread-safe.
 */
public final class CheckpointStore {
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d{10,})\\.h5");

  private final Path dir;
  private final int keepLast;

  /**
   * @param dir the checkpoint directory (created on first save)
   * @param keepLast how many newest checkpoints to keep, {@code >= 1}
   */
  public CheckpointStore(Path dir, int keepLast) {
    if (keepLast < 1) {
      throw new IllegalArgumentException("keepLast must be >= 1, got " + keepLast);
    }
    this.dir = dir;
    this.keepLast = keepLast;
  }

  /** @return the directory */
  public Path dir() {
    return dir;
  }

  /**
   * @param step a step count
   * @return the file name of that step's checkpoint
   */
  public static String fileName(long step) {
    return String.format("ckpt-%010d.h5", step);
  }

  /**
   * Writes a checkpoint atomically, then deletes all but the newest {@code keepLast}.
   *
   * @param c the checkpoint
   * @return the file written
   * @throws CheckpointException when the directory cannot be created or written
   */
  public Path save(Checkpoint c) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CheckpointException("cannot create checkpoint directory " + dir + ": "
          + CheckpointWriter.rootReason(e), e);
    }
    Path target = dir.resolve(fileName(c.step()));
    CheckpointWriter.write(target, c);
    prune();
    return target;
  }

  /** @return the checkpoint files, oldest (lowest step) first; empty when the directory is missing */
  public List<Path> list() {
    return list(dir);
  }

  private static List<Path> list(Path dir) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (NAME.matcher(p.getFileName().toString()).matches()) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      throw new CheckpointException("cannot list checkpoint directory " + dir + ": " + CheckpointWriter.rootReason(e), e);
    }
    files.sort(Comparator.comparingLong(CheckpointStore::stepOf));
    return files;
  }

  private static long stepOf(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private void prune() {
    List<Path> files = list();
    for (int i = 0; i < files.size() - keepLast; i++) {
      try {
        Files.deleteIfExists(files.get(i));
      } catch (IOException e) {
        throw new CheckpointException("cannot delete old checkpoint " + files.get(i) + ": "
            + CheckpointWriter.rootReason(e), e);
      }
    }
  }

  /**
   * A checkpoint and the file it came from.
   *
   * @param file the checkpoint file
   * @param checkpoint its contents
   */
  public record Loaded(Path file, Checkpoint checkpoint) {}

  /**
   * Finds the newest checkpoint that reads and validates. Each newer file that does not is
   * reported through {@code warn} in one line and skipped (a crash during the last write, a disk
   * error), so a run resumes from the last good state.
   *
   * @param dir a checkpoint directory
   * @param warn receives one line per skipped file
   * @return the newest valid checkpoint, or empty when there is none
   */
  public static Optional<Loaded> latestValid(Path dir, Consumer<String> warn) {
    List<Path> files = list(dir);
    for (int i = files.size() - 1; i >= 0; i--) {
      Path f = files.get(i);
      try {
        return Optional.of(new Loaded(f, CheckpointReader.read(f)));
      } catch (CheckpointException e) {
        warn.accept("skipping checkpoint: " + e.getMessage());
      }
    }
    return Optional.empty();
  }
}
