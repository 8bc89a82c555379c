package org.rnnlab.experiments.spec;

/**
 * One problem in a spec.
 *
 * @param location where the offending key or value is
 * @param message what is wrong, naming the key path
 */
public record SpecError(Location location, String message) {
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
