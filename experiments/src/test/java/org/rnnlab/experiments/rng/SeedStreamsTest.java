package org.rnnlab.experiments.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedStreamsTest {
  @Test
  void sameSeedPurposeAndCounterGiveTheSameNumbers() {
    assertEquals(new SeedStreams(7).at("data.train", 3).nextLong(), new SeedStreams(7).at("data.train", 3).nextLong());
  }

  @Test
  void seedPurposeAndCounterEachChangeTheStream() {
    long base = new SeedStreams(7).at("data.train", 3).nextLong();
    assertNotEquals(base, new SeedStreams(8).at("data.train", 3).nextLong());
    assertNotEquals(base, new SeedStreams(7).at("data.eval", 3).nextLong());
    assertNotEquals(base, new SeedStreams(7).at("data.train", 4).nextLong());
  }

  @Test
  void restoredPositionsContinueExactlyWhereTheSavedRunWas() {
    SeedStreams a = new SeedStreams(11);
    for (int i = 0; i < 5; i++) {
      a.next(SeedStreams.TRAIN_DATA);
    }
    a.next(SeedStreams.DROPOUT);
    Map<String, Long> saved = a.positions();
    assertEquals(Map.of("data.train", 5L, "dropout", 1L), saved);
    long expectedNext = a.next(SeedStreams.TRAIN_DATA).nextLong();

    SeedStreams resumed = new SeedStreams(11);
    resumed.restore(saved);
    assertEquals(expectedNext, resumed.next(SeedStreams.TRAIN_DATA).nextLong());
    assertEquals(6L, resumed.position(SeedStreams.TRAIN_DATA));
  }
}
