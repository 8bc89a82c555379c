package org.rnnlab.api.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

class BatchTest {
  private static final Tensor X = Tensor.zeros(DType.FLOAT32, 2, 3, 4);
  private static final Tensor TARGET = Tensor.zeros(DType.FLOAT32, 6);

  @Test
  void lengthsMustLieBetweenOneAndT() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Batch(X, null, TARGET, null, new int[] {3, 4}));
    assertEquals("lengths: each must be in [1, 3], got [3, 4]", e.getMessage());
  }

  @Test
  void maskMustHaveOneWeightPerTargetRow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Batch(X, null, TARGET, Tensor.zeros(DType.FLOAT32, 5), new int[] {3, 3}));
    assertEquals("mask: expected shape [6] (target rows) but got Tensor[5] FLOAT32", e.getMessage());
  }

  @Test
  void tokensMustCoverEveryStep() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Batch(X, new int[5], TARGET, null, new int[] {3, 3}));
    assertEquals("tokens: expected 6 ids (B*T) but got 5", e.getMessage());
  }

  @Test
  void targetRowsDependOnTheOutputMode() {
    assertEquals(2, new TaskShape(3, 4, 0, 1, OutputMode.LAST_STEP, TargetKind.REGRESSION).targetRows(2));
    assertEquals(6, new TaskShape(3, 4, 4, 5, OutputMode.EVERY_STEP, TargetKind.CLASS_INDEX).targetRows(2));
  }

  @Test
  void symbolicInputMustBeOneHotOfTheVocabulary() {
    assertThrows(IllegalArgumentException.class,
        () -> new TaskShape(3, 4, 5, 1, OutputMode.LAST_STEP, TargetKind.CLASS_INDEX));
  }
}
