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
 * A run's checkpoint directory: files {@code step-<N>.h5} ({@code N} = optimizer steps
 * completed, decimal without padding), of which the newest {@code keepLast} are kept. Files are
 * ordered by the parsed {@code N}, never by name, so {@code step-1000.h5} is newer than
 * {@code step-999.h5}. Temporary files {@code .step-<N>.h5.tmp-<pid>} left behind by a writer
 * that was killed are never taken for checkpoints and are removed once their process is gone.
 * Owned by one run (one process); not thread-safe.
 */
public final class CheckpointStore {
  private static final Pattern NAME = Pattern.compile("step-(0|[1-9]\\d{0,17})\\.h5");
  private static final Pattern TEMP = Pattern.compile("\\.step-\\d+\\.h5\\.tmp-(\\d{1,18})");

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
    if (step < 0) {
      throw new IllegalArgumentException("checkpoint step must be >= 0, got " + step);
    }
    return "step-" + step + ".h5";
  }

  /**
   * Writes a checkpoint atomically, then deletes all but the newest {@code keepLast}.
   *
   * @param c the checkpoint
   * @return the file written
   * @throws CheckpointException when the directory cannot be created or written
   */
  public Path save(Checkpoint c) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CheckpointException("cannot create checkpoint directory " + dir
          + ": it exists and is not a directory", null);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CheckpointException("cannot create checkpoint directory " + dir + ": "
          + CheckpointWriter.rootReason(e), e);
    }
    Path target = dir.resolve(fileName(c.step()));
    CheckpointWriter.write(target, c);
    prune();
    removeStaleTemporaries(dir, w -> { });
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

  /**
   * @param p a path
   * @return {@code N} when the file name is {@code step-<N>.h5}, otherwise -1
   */
  public static long stepOf(Path p) {
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
   * error), so a run resumes from the last good state. Temporary files of writers that no longer
   * run are deleted first (one line each through {@code warn}).
   *
   * @param dir a checkpoint directory
   * @param warn receives one line per skipped file
   * @return the newest valid checkpoint, or empty when there is none
   */
  public static Optional<Loaded> latestValid(Path dir, Consumer<String> warn) {
    removeStaleTemporaries(dir, warn);
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

  /**
   * Deletes {@code .step-<N>.h5.tmp-<pid>} files whose writing process is no longer alive (it was
   * killed mid-write). A live process's file is left alone: it may be finishing its write.
   */
  private static void removeStaleTemporaries(Path dir, Consumer<String> warn) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        Matcher m = TEMP.matcher(p.getFileName().toString());
        if (m.matches() && !isAlive(Long.parseLong(m.group(1)))) {
          stale.add(p);
        }
      }
    } catch (IOException e) {
      throw new CheckpointException("cannot list checkpoint directory " + dir + ": "
          + CheckpointWriter.rootReason(e), e);
    }
    for (Path p : stale) {
      try {
        Files.deleteIfExists(p);
        warn.accept("removed " + p + ", left by an interrupted checkpoint write");
      } catch (IOException e) {
        warn.accept("cannot remove " + p + " (left by an interrupted checkpoint write): "
            + CheckpointWriter.rootReason(e));
      }
    }
  }

  /** Our own pid counts as dead: this process writes one checkpoint at a time and is not writing now. */
  private static boolean isAlive(long pid) {
    return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
