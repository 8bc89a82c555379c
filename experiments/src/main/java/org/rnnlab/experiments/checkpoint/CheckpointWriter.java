package org.rnnlab.experiments.checkpoint;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.rnnlab.api.tensor.Tensor;

/**
 * Writes one checkpoint file in the layout of {@code docs/checkpoint-format.md}, crash-safely:
 * the file is built in a hidden temporary file in the target directory, forced to disk
 * ({@link FileChannel#force}), renamed over the target atomically, and the directory entry is
 * forced too. A crash or a full disk therefore leaves either the old state or the complete new
 * file, never a partial file under the final name; on failure the temporary file is deleted.
 * Stateless and thread-safe for distinct targets.
 */
public final class CheckpointWriter {
  private CheckpointWriter() {}

  /**
   * @param target the checkpoint file to create or replace
   * @param c the contents
   * @throws CheckpointException naming the file and the reason (no space, not writable, ...)
   */
  public static void write(Path target, Checkpoint c) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve(tempName(target));
    try {
      try (WritableHdfFile file = HdfFile.write(tmp)) {
        populate(file, c);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(dir);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the original failure is the one worth reporting
      }
      throw new CheckpointException("cannot write checkpoint " + target + ": " + rootReason(e), e);
    }
  }

  /** Temporary files start with '.' and end with ".tmp-PID" so retention never mistakes them for checkpoints. */
  static String tempName(Path target) {
    return "." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid();
  }

  private static void populate(WritableHdfFile file, Checkpoint c) {
    file.putAttribute("format_version", (long) Checkpoint.FORMAT_VERSION);
    file.putAttribute("step", c.step());
    file.putAttribute("epoch", c.epoch());
    file.putAttribute("data_position", c.dataPosition());
    file.putAttribute("spec", c.spec());
    file.putAttribute("provenance", c.provenance());
    file.putAttribute("checksum", Checksum.of(c));
    WritableGroup params = file.putGroup("params");
    params.putAttribute("order", String.join(",", c.params().keySet()));
    c.params().forEach((name, t) -> {
      requireSimpleName("parameter", name);
      params.putDataset(name, Hdf5Arrays.toNested(t));
    });
    WritableGroup optimizer = file.putGroup("optimizer");
    Map<String, WritableGroup> groups = new HashMap<>();
    groups.put("", optimizer);
    c.optimizerState().forEach((key, t) -> putNested(groups, key, t));
    WritableGroup rng = file.putGroup("rng");
    c.rng().forEach((name, position) -> {
      requireSimpleName("rng stream", name);
      rng.putDataset(name, position);
    });
  }

  /** Maps an optimizer state key's '/' to nested groups: exp_avg/weight_ih_l0 -> /optimizer/exp_avg/weight_ih_l0. */
  private static void putNested(Map<String, WritableGroup> groups, String key, Tensor t) {
    String[] parts = key.split("/", -1);
    String prefix = "";
    WritableGroup g = groups.get("");
    for (int i = 0; i < parts.length - 1; i++) {
      requireSimpleName("optimizer state key '" + key + "' segment", parts[i]);
      prefix = prefix + "/" + parts[i];
      WritableGroup parent = g;
      String part = parts[i];
      g = groups.computeIfAbsent(prefix, p -> parent.putGroup(part));
    }
    String leaf = parts[parts.length - 1];
    requireSimpleName("optimizer state key '" + key + "' segment", leaf);
    if (groups.containsKey(prefix + "/" + leaf)) {
      throw new IllegalArgumentException("optimizer state key '" + key + "' is both a group and a tensor");
    }
    g.putDataset(leaf, Hdf5Arrays.toNested(t));
  }

  private static void requireSimpleName(String what, String name) {
    if (name.isEmpty() || name.contains("/") || name.equals(".")) {
      throw new IllegalArgumentException(what + " name '" + name + "' must be non-empty and contain no '/'");
    }
  }

  private static void forceDirectory(Path dir) {
    // makes the rename itself durable; some file systems refuse to open directories, which is harmless
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // the file's own data is already on disk
    }
  }

  /** @return the innermost message, which names the actual cause ("No space left on device") */
  static String rootReason(Throwable e) {
    Throwable t = e;
    String reason = e.getMessage();
    while (t != null) {
      if (t instanceof FileSystemException fse) {
        reason = fse.getFile() + ": " + (fse.getReason() != null ? fse.getReason() : describe(fse));
      } else if (t.getMessage() != null) {
        reason = t.getMessage();
      }
      t = t.getCause();
    }
    return reason == null ? e.getClass().getSimpleName() : reason;
  }

  /** NIO leaves the reason of these exceptions empty; the type alone says what happened. */
  private static String describe(FileSystemException e) {
    return switch (e) {
      case FileAlreadyExistsException x -> "already exists";
      case NoSuchFileException x -> "no such file or directory";
      case AccessDeniedException x -> "permission denied";
      case NotDirectoryException x -> "not a directory";
      default -> e.getClass().getSimpleName();
    };
  }
}
