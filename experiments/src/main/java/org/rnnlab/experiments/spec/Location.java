package org.rnnlab.experiments.spec;

/**
 * Where a spec value came from: a position in a YAML file, or a command-line override.
 *
 * @param source the file name as given by the user, or {@code override 'key=value'}
 * @param line 1-based line, 0 for overrides
 * @param column 1-based column, 0 for overrides
 */
public record Location(String source, int line, int column) {

  /**
   * @param text the override exactly as typed
   * @return the location of a command-line override
   */
  public static Location override(String text) {
    return new Location("override '" + text + "'", 0, 0);
  }

  @Override
  public String toString() {
    return line == 0 ? source : source + ":" + line + ":" + column;
  }
}
