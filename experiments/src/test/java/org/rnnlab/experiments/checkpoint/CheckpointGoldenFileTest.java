package org.rnnlab.experiments.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps format version 1 readable: {@code checkpoints/sample-v1.h5} was written once by {@link
 * #writeV1Fixture} and is committed; later code must still read it to the same values. When the
 * format changes, add a v2 fixture next to it and keep this test.
 */
class CheckpointGoldenFileTest {

  /**
   * Regenerates the fixture; run by hand only when a new format version gets its own fixture.
   *
   * @param target where to write {@code sample-v1.h5}
   */
  static void writeV1Fixture(Path target) {
    CheckpointWriter.write(target, CheckpointFixtures.sample(7));
  }

  @Test
  void loadsV1FixtureWithIdenticalContents() throws URISyntaxException {
    Path fixture = Path.of(getClass().getResource("/checkpoints/sample-v1.h5").toURI());
    Checkpoint expected = CheckpointFixtures.sample(7);
    Checkpoint actual = CheckpointReader.read(fixture);
    CheckpointTest.assertBitExact(expected.params(), actual.params());
    CheckpointTest.assertBitExact(expected.optimizerState(), actual.optimizerState());
    assertEquals(expected.rng(), actual.rng());
    assertEquals(expected.spec(), actual.spec());
    assertEquals(7, actual.step());
  }
}
