package org.rnnlab.plugins.core;

import java.util.Collection;

/** A type key that no plugin registered; the message lists the known keys. */
public final class UnknownPluginException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String family;
  private final String key;
  private final java.util.List<String> known;

  /**
   * @param family family name ({@code "cell"})
   * @param key the unknown key
   * @param known the registered keys, sorted
   */
  public UnknownPluginException(String family, String key, Collection<String> known) {
    super("unknown " + family + " '" + key + "'; known: " + String.join(", ", known));
    this.family = family;
    this.key = key;
    this.known = java.util.List.copyOf(known);
  }

  /** @return the family name */
  public String family() {
    return family;
  }

  /** @return the key that was not found */
  public String key() {
    return key;
  }

  /** @return the registered keys, sorted */
  public java.util.List<String> known() {
    return known;
  }
}
