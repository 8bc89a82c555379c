package org.rnnlab.experiments.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.task.Batch;

class TemporalOrderTaskTest {
  private final TemporalOrderTask task = new TemporalOrderTask(new TemporalOrderTask.Config(100));

  @Test
  void relevantSymbolsSitInTheirWindowsAndDetermineTheClass() {
    Batch b = task.sample(500, new SplittableRandom(6));
    assertArrayEquals(new int[] {500}, b.target().shape());
    for (int s = 0; s < 500; s++) {
      int[] row = java.util.Arrays.copyOfRange(b.tokens(), s * 100, s * 100 + 100);
      assertEquals(TemporalOrderTask.START, row[0]);
      assertEquals(TemporalOrderTask.END, row[99]);
      int found = 0;
      int cls = 0;
      for (int t = 1; t < 99; t++) {
        if (row[t] == TemporalOrderTask.X || row[t] == TemporalOrderTask.Y) {
          assertTrue(found == 0 ? t >= 10 && t <= 20 : t >= 50 && t <= 60, "position " + t);
          cls = cls * 2 + (row[t] == TemporalOrderTask.Y ? 1 : 0);
          found++;
        } else {
          assertTrue(row[t] < TemporalOrderTask.DISTRACTORS, "distractor");
        }
      }
      assertEquals(2, found);
      assertEquals(cls, (int) b.target().get(s));
    }
  }

  @Test
  void classesAreBalanced() {
    Batch b = task.sample(8000, new SplittableRandom(7));
    int[] counts = new int[4];
    for (int s = 0; s < 8000; s++) {
      counts[(int) b.target().get(s)]++;
    }
    for (int c : counts) {
      // expected 2000; 5 sigma = 5 * sqrt(8000 * 0.25 * 0.75) = 194
      assertEquals(2000, c, 194);
    }
    assertEquals(Math.log(4), task.baselineLoss(), 1e-12);
  }

  @Test
  void sameGeneratorStateGivesTheSameBatch() {
    assertArrayEquals(task.sample(4, new SplittableRandom(8)).tokens(), task.sample(4, new SplittableRandom(8)).tokens());
  }
}
