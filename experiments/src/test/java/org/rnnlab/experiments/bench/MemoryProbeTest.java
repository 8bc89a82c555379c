package org.rnnlab.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryProbeTest {
  @Test
  void readsTheTotalLineOfAClassHistogram() {
    String histogram = """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:          2393         312120  java.lang.Class (java.base@25.0.3)
           2:         11632         279168  java.lang.String (java.base@25.0.3)
        Total         46351        2183032
        """;
    assertEquals(2183032, MemoryProbe.histogramTotalBytes(histogram));
    assertEquals(-1, MemoryProbe.histogramTotalBytes("no histogram here"));
  }

  @Test
  void liveObjectBytesCountAHeldArray() {
    long before = MemoryProbe.liveObjectBytes();
    float[] held = new float[4_000_000];
    long with = MemoryProbe.liveObjectBytes();
    held[0] = 1;
    assertTrue(before > 0, "histogram available on HotSpot");
    long grown = with - before;
    // other objects come and go between the two histograms: within 0.5 MB
    assertTrue(Math.abs(grown - 16_000_016) < 500_000, "16 MB array seen as " + grown + " bytes");
    assertEquals(1f, held[0]);
  }
}
