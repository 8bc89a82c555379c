package org.rnnlab.plugins;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads the PyTorch reference files under {@code src/test/resources/parity} (see their generators). */
public final class ParityFixture implements AutoCloseable {
  private final HdfFile file;

  private ParityFixture(HdfFile file) {
    this.file = file;
  }

  /**
   * @param name file name inside {@code parity/}
   * @return the open fixture
   */
  public static ParityFixture open(String name) {
    URL url = ParityFixture.class.getResource("/parity/" + name);
    if (url == null) {
      throw new IllegalArgumentException("missing test resource parity/" + name);
    }
    try {
      return new ParityFixture(new HdfFile(Path.of(url.toURI())));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the root group */
  public Group root() {
    return file;
  }

  /** @return the child groups of the root, sorted by name */
  public Map<String, Group> groups() {
    Map<String, Group> out = new TreeMap<>();
    for (Map.Entry<String, Node> e : file.getChildren().entrySet()) {
      if (e.getValue() instanceof Group g) {
        out.put(e.getKey(), g);
      }
    }
    return out;
  }

  /**
   * @param node a group or the root
   * @param name attribute name
   * @return its value as a string (h5py writes strings that jhdf reads as String)
   */
  public static String stringAttribute(Node node, String name) {
    return String.valueOf(node.getAttribute(name).getData());
  }

  /**
   * @param node a group or the root
   * @param name attribute name
   * @return its scalar numeric value
   */
  public static double numberAttribute(Node node, String name) {
    Object v = node.getAttribute(name).getData();
    return v.getClass().isArray() ? ((Number) Array.get(v, 0)).doubleValue() : ((Number) v).doubleValue();
  }

  /**
   * @param node a group
   * @return every attribute's value as jhdf returns it (Number, String or array)
   */
  public static Map<String, Object> attributes(Node node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
      out.put(e.getKey(), e.getValue().getData());
    }
    return out;
  }

  /**
   * @param group parent group
   * @param path dataset path relative to it
   * @return whether the dataset exists
   */
  public static boolean has(Group group, String path) {
    return group.getChildren().containsKey(path);
  }

  /**
   * @param group parent group
   * @param path dataset name
   * @return the float64 data, flattened row-major
   */
  public static double[] doubles(Group group, String path) {
    return (double[]) ((Dataset) group.getChild(path)).getDataFlat();
  }

  /**
   * @param group parent group
   * @param path dataset name
   * @return the dataset's dimensions
   */
  public static int[] dims(Group group, String path) {
    return ((Dataset) group.getChild(path)).getDimensions();
  }

  @Override
  public void close() {
    file.close();
  }
}
