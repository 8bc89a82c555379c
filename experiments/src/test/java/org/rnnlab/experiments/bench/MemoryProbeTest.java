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
    // other objects of the test JVM come and go between two histograms (a megabyte or so), so
    // a 40 MB array must show up within 1.5 MB in one of three tries
    long closest = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 3 && closest > 1_500_000; attempt++) {
      long before = MemoryProbe.liveObjectBytes();
      float[] held = new float[10_000_000];
      long with = MemoryProbe.liveObjectBytes();
      held[attempt] = 1;
      assertTrue(before > 0, "histogram available on HotSpot");
      closest = Math.min(closest, Math.abs(with - before - 40_000_016L));
      assertEquals(1f, held[attempt]);
    }
    assertTrue(closest <= 1_500_000, "40 MB array off by " + closest + " bytes");
  }
}
