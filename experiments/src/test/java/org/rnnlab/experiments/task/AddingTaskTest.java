package org.rnnlab.experiments.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.task.Batch;

class AddingTaskTest {
  private final AddingTask task = new AddingTask(new AddingTask.Config(50));

  @Test
  void predictingOneHasTheDocumentedBaselineMse() {
    Batch b = task.sample(10_000, new SplittableRandom(1));
    double sse = 0;
    for (int i = 0; i < 10_000; i++) {
      double d = b.target().get(i) - 1.0;
      sse += d * d;
    }
    assertEquals(AddingTask.CONSTANT_PREDICTOR_MSE, sse / 10_000, 0.01);
    assertEquals(0.1667, task.baselineLoss(), 1e-4);
  }

  @Test
  void exactlyOneMarkerInEachHalfAndTargetIsTheSumOfMarkedValues() {
    Batch b = task.sample(200, new SplittableRandom(2));
    assertArrayEquals(new int[] {200, 50, 2}, b.x().shape());
    assertArrayEquals(new int[] {200, 1}, b.target().shape());
    assertNull(b.mask());
    assertNull(b.tokens());
    for (int s = 0; s < 200; s++) {
      int firstHalf = 0;
      int secondHalf = 0;
      float sum = 0;
      for (int t = 0; t < 50; t++) {
        double v = b.x().get((s * 50 + t) * 2);
        double m = b.x().get((s * 50 + t) * 2 + 1);
        assertTrue(v >= 0 && v < 1, "value in [0,1)");
        if (m == 1) {
          if (t < 25) {
            firstHalf++;
          } else {
            secondHalf++;
          }
          sum += (float) v;
        } else {
          assertEquals(0.0, m);
        }
      }
      assertEquals(1, firstHalf);
      assertEquals(1, secondHalf);
      assertEquals(sum, (float) b.target().get(s));
      assertEquals(50, b.lengths()[s]);
    }
  }

  @Test
  void sameGeneratorStateGivesTheSameBatch() {
    Batch a = task.sample(8, new SplittableRandom(42));
    Batch b = task.sample(8, new SplittableRandom(42));
    assertArrayEquals(a.x().toFloatArray(), b.x().toFloatArray());
    assertArrayEquals(a.target().toFloatArray(), b.target().toFloatArray());
  }
}
