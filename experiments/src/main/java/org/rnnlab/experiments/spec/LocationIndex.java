package org.rnnlab.experiments.spec;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps spec key paths ({@code model.cell.type}, {@code regularizers[0].max_norm}) to where they
 * were written. A path without an entry of its own is reported at its nearest recorded ancestor,
 * so a missing key points at the section that lacks it. Not thread-safe.
 */
public final class LocationIndex {
  private final Map<String, Location> byPath = new HashMap<>();
  private final Location root;

  /**
   * @param root the location reported when nothing closer is known (the document start)
   */
  public LocationIndex(Location root) {
    this.root = root;
  }

  /**
   * @param path a key path
   * @param location where it was written
   */
  public void put(String path, Location location) {
    byPath.put(path, location);
  }

  /**
   * Forgets {@code path}'s descendants (their values were replaced by an override).
   *
   * @param path a key path
   */
  public void removeBelow(String path) {
    byPath.keySet().removeIf(p -> p.startsWith(path + ".") || p.startsWith(path + "["));
  }

  /**
   * @param path a key path
   * @return its location, or that of its nearest recorded ancestor, or the document start
   */
  public Location locate(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Location l = byPath.get(p);
      if (l != null) {
        return l;
      }
      p = parent(p);
    }
    return root;
  }

  /**
   * @param path a key path
   * @return the path one level up ({@code ""} at the top)
   */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /**
   * @param parent a key path ({@code ""} for the top)
   * @param key a child key
   * @return the child's path
   */
  public static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /**
   * @param parent a list's key path
   * @param index element index
   * @return the element's path
   */
  public static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
