package org.rnnlab.experiments.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.OutputMode;

class CopyMemoryTaskTest {
  private static final int DELAY = 30;
  private final CopyMemoryTask task = new CopyMemoryTask(new CopyMemoryTask.Config(DELAY, 10, 8));

  @Test
  void sequencesHaveThePaperLayout() {
    int t = DELAY + 20;
    assertEquals(t, task.shape().seqLen());
    assertEquals(10, task.shape().inputSize());
    assertEquals(9, task.shape().outputSize());
    assertEquals(OutputMode.EVERY_STEP, task.shape().outputMode());
    Batch b = task.sample(50, new SplittableRandom(3));
    assertArrayEquals(new int[] {50 * t}, b.target().shape());
    for (int s = 0; s < 50; s++) {
      for (int i = 0; i < t; i++) {
        int tok = b.tokens()[s * t + i];
        int target = (int) b.target().get(s * t + i);
        if (i < 10) {
          assertTrue(tok >= 1 && tok <= 8, "data symbol");
          assertEquals(tok, (int) b.target().get(s * t + t - 10 + i), "target repeats the data at the end");
        } else if (i == DELAY + 9) {
          assertEquals(9, tok, "delimiter at step D + L - 1");
        } else {
          assertEquals(0, tok, "blank");
        }
        if (i < t - 10) {
          assertEquals(0, target, "blank target before the recall");
        }
        assertEquals(1.0, b.x().get((s * t + i) * 10 + tok), "one-hot of the token");
      }
    }
  }

  @Test
  void memorylessStrategyScoresTheDocumentedBaseline() {
    // blank with certainty until the recall, then uniform over the 8 symbols
    Batch b = task.sample(100, new SplittableRandom(4));
    int t = task.shape().seqLen();
    double ce = 0;
    for (int row = 0; row < b.target().size(); row++) {
      boolean recall = row % t >= t - 10;
      int y = (int) b.target().get(row);
      double p = recall ? (y >= 1 ? 1.0 / 8 : 0) : (y == 0 ? 1 : 0);
      ce -= Math.log(p);
    }
    assertEquals(10 * Math.log(8) / (DELAY + 20), ce / b.target().size(), 1e-12);
    assertEquals(10 * Math.log(8) / (DELAY + 20), task.baselineLoss(), 1e-12);
  }

  @Test
  void dataSymbolsAreUniform() {
    Batch b = task.sample(2000, new SplittableRandom(5));
    int t = task.shape().seqLen();
    int[] counts = new int[9];
    for (int s = 0; s < 2000; s++) {
      for (int i = 0; i < 10; i++) {
        counts[b.tokens()[s * t + i]]++;
      }
    }
    for (int k = 1; k <= 8; k++) {
      // 20000 draws, expected 2500 each; 5 sigma is about 5 * sqrt(2500 * 7/8) = 234
      assertEquals(2500, counts[k], 234);
    }
  }

  @Test
  void sameGeneratorStateGivesTheSameBatch() {
    assertArrayEquals(task.sample(4, new SplittableRandom(9)).tokens(), task.sample(4, new SplittableRandom(9)).tokens());
  }
}
