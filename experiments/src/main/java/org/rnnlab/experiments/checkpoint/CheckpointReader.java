package org.rnnlab.experiments.checkpoint;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.api.tensor.Tensor;

/**
 * Reads and validates a checkpoint written by {@link CheckpointWriter}: the format version must
 * be one this code knows, every required attribute and group must be present, and the content
 * must match the stored checksum, so a truncated or corrupted file is rejected instead of
 * resuming from wrong numbers. Stateless and thread-safe.
 */
public final class CheckpointReader {
  private CheckpointReader() {}

  /**
   * @param file a checkpoint file
   * @return its contents, fully loaded into memory
   * @throws CheckpointException naming the file and what is wrong with it
   */
  public static Checkpoint read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException("no checkpoint file " + file, null);
    }
    Checkpoint c;
    try (HdfFile h = new HdfFile(file)) {
      long version = longAttr(h, "format_version", file);
      if (version != Checkpoint.FORMAT_VERSION) {
        throw new CheckpointException(file + " has checkpoint format_version " + version
            + "; this rnnlab reads version " + Checkpoint.FORMAT_VERSION, null);
      }
      Group params = group(h, "params", file);
      Map<String, Tensor> p = new LinkedHashMap<>();
      for (String name : order(params)) {
        p.put(name, tensor(params.getChild(name), "params/" + name, file));
      }
      Map<String, Tensor> opt = new TreeMap<>();
      collect(group(h, "optimizer", file), "", opt, file);
      Map<String, Long> rng = new TreeMap<>();
      for (Node n : group(h, "rng", file)) {
        Object v = ((Dataset) n).getData();
        if (!(v instanceof Long l)) {
          throw new CheckpointException(file + ": rng/" + n.getName() + " is not an int64 scalar", null);
        }
        rng.put(n.getName(), l);
      }
      c = new Checkpoint(longAttr(h, "step", file), longAttr(h, "epoch", file),
          longAttr(h, "data_position", file), p, opt, rng, stringAttr(h, "spec", file),
          stringAttr(h, "provenance", file));
      long stored = longAttr(h, "checksum", file);
      if (stored != Checksum.of(c)) {
        throw new CheckpointException(file + " is corrupt: content does not match its checksum", null);
      }
    } catch (CheckpointException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CheckpointException("checkpoint " + file + " is corrupt or truncated: "
          + CheckpointWriter.rootReason(e), e);
    }
    return c;
  }

  private static Iterable<String> order(Group params) {
    Attribute a = params.getAttribute("order");
    if (a == null) {
      return new TreeMap<>(params.getChildren()).keySet();
    }
    String joined = (String) a.getData();
    return joined.isEmpty() ? java.util.List.of() : java.util.List.of(joined.split(","));
  }

  private static void collect(Group g, String prefix, Map<String, Tensor> out, Path file) {
    for (Node n : g) {
      String key = prefix + n.getName();
      if (n.isGroup()) {
        collect((Group) n, key + "/", out, file);
      } else {
        out.put(key, tensor(n, "optimizer/" + key, file));
      }
    }
  }

  private static Tensor tensor(Node n, String path, Path file) {
    if (!(n instanceof Dataset d)) {
      throw new CheckpointException(file + ": missing dataset " + path, null);
    }
    return Hdf5Arrays.fromFlat(file + ": " + path, d.isScalar() ? d.getData() : d.getDataFlat(), d.getDimensions());
  }

  private static Group group(HdfFile h, String name, Path file) {
    Node n = h.getChild(name);
    if (!(n instanceof Group g)) {
      throw new CheckpointException(file + " is not a complete rnnlab checkpoint: missing group /" + name, null);
    }
    return g;
  }

  private static Object attr(HdfFile h, String name, Path file) {
    Attribute a = h.getAttribute(name);
    if (a == null) {
      throw new CheckpointException(file + " is not a complete rnnlab checkpoint: missing attribute " + name, null);
    }
    return a.getData();
  }

  private static long longAttr(HdfFile h, String name, Path file) {
    Object v = attr(h, name, file);
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw new CheckpointException(file + ": attribute " + name + " is not an integer", null);
  }

  private static String stringAttr(HdfFile h, String name, Path file) {
    Object v = attr(h, name, file);
    if (v instanceof String s) {
      return s;
    }
    throw new CheckpointException(file + ": attribute " + name + " is not a string", null);
  }
}
