package org.rnnlab.experiments.spec;

import java.util.Collection;
import java.util.Optional;

/** YAML key naming and "did you mean" suggestions. */
public final class Names {
  private Names() {}

  /**
   * @param camel a Java record component name ({@code hiddenSize})
   * @return its YAML key ({@code hidden_size})
   */
  public static String snake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * @param unknown the name the user wrote
   * @param known the accepted names
   * @return the closest accepted name by edit distance, if it is close enough to be a typo
   *     (at most 2 edits, or a third of the name's length for long names)
   */
  public static Optional<String> closest(String unknown, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = levenshtein(unknown.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    int limit = Math.max(2, unknown.length() / 3);
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /**
   * The "; known: a, b; did you mean 'a'?" tail shared by every unknown-name message.
   *
   * @param unknown the name the user wrote
   * @param known the accepted names, in display order
   * @return the message tail
   */
  public static String knownAndSuggestion(String unknown, Collection<String> known) {
    String list = known.isEmpty() ? "(none registered)" : String.join(", ", known);
    return "; known: " + list
        + closest(unknown, known).map(s -> "; did you mean '" + s + "'?").orElse("");
  }

  /**
   * @param a first string
   * @param b second string
   * @return the number of single-character insertions, deletions and substitutions from a to b
   */
  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
