package org.rnnlab.plugins.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/** Argument checking, reductions and edge cases of the built-in losses. */
class LossValidationTest {
  private static final KernelOps OPS = KernelOpsProvider.scalar();
  private static final Loss MSE = new MseLoss(MseLossConfig.defaults());
  private static final Loss CE = new CrossEntropyLoss(CrossEntropyLossConfig.defaults());
  private static final Loss BCE = new BceWithLogitsLoss(BceWithLogitsLossConfig.defaults());

  private static Tensor t(int... shape) {
    return Tensor.zeros(DType.FLOAT64, shape);
  }

  private static void assertMessage(IllegalArgumentException e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' lacks '" + p + "'");
    }
  }

  @Test
  void wrongTargetShapeNamesTensorAndBothShapes() {
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> MSE.evaluate(OPS, t(3, 2), t(3, 4), null, t(3, 2))), "target", "[3, 2]", "[3, 4]");
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> CE.evaluate(OPS, t(3, 2), t(3, 2), null, t(3, 2))), "target", "[3]", "[3, 2]");
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> BCE.evaluate(OPS, t(3, 2), t(2, 3), null, t(3, 2))), "target", "[3, 2]", "[2, 3]");
  }

  @Test
  void wrongPredictionGradOrMaskShapeIsNamed() {
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> MSE.evaluate(OPS, t(6), t(6), null, t(6))), "prediction", "[N, D]", "[6]");
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> MSE.evaluate(OPS, t(3, 2), t(3, 2), null, t(2, 3))), "grad", "[3, 2]", "[2, 3]");
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> CE.evaluate(OPS, t(3, 2), t(3), t(4), t(3, 2))), "mask", "[3]", "[4]");
  }

  @Test
  void crossEntropyRejectsOutOfRangeTargetButIgnoresMaskedPadding() {
    Tensor target = Tensor.of(DType.FLOAT64, new double[] {1, 2, -1}, 3);
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> CE.evaluate(OPS, t(3, 2), target, null, t(3, 2))), "target", "row 1", "[0, 2)");
    Tensor target2 = Tensor.of(DType.FLOAT64, new double[] {1, 0, -1}, 3);
    Tensor mask = Tensor.of(DType.FLOAT64, new double[] {1, 1, 0}, 3);
    assertEquals(Math.log(2), CE.evaluate(OPS, t(3, 2), target2, mask, t(3, 2)), 1e-15);
    assertTrue(CE.classIndexTargets());
    assertFalse(MSE.classIndexTargets());
  }

  @Test
  void allMaskedMeanIsZeroWithZeroGradient() {
    Tensor grad = t(2, 2);
    grad.fill(5);
    Tensor pred = Tensor.of(DType.FLOAT64, new double[] {1, 2, 3, 4}, 2, 2);
    assertEquals(0.0, MSE.evaluate(OPS, pred, t(2, 2), t(2), grad));
    assertEquals(0.0, OPS.maxAbs(grad));
  }

  @Test
  void sumIsMeanTimesUnmaskedElementCount() {
    Tensor pred = Tensor.of(DType.FLOAT64, new double[] {1, -2, 3, 0.5, 7, 8}, 3, 2);
    Tensor target = Tensor.of(DType.FLOAT64, new double[] {0, 1, 0, 1, 0, 0}, 3, 2);
    Tensor mask = Tensor.of(DType.FLOAT64, new double[] {1, 0, 1}, 3);
    Loss sum = new BceWithLogitsLoss(new BceWithLogitsLossConfig("sum", List.of()));
    double mean = BCE.evaluate(OPS, pred, target, mask, t(3, 2));
    assertEquals(4 * mean, sum.evaluate(OPS, pred, target, mask, t(3, 2)), 1e-12);
  }

  @Test
  void bceWithLogitsStaysFiniteForHugeLogits() {
    Tensor pred = Tensor.of(DType.FLOAT64, new double[] {1000, -1000}, 1, 2);
    Tensor target = Tensor.of(DType.FLOAT64, new double[] {0, 1}, 1, 2);
    Tensor grad = t(1, 2);
    double loss = new BceWithLogitsLoss(new BceWithLogitsLossConfig("sum", List.of()))
        .evaluate(OPS, pred, target, null, grad);
    assertEquals(2000, loss, 1e-9);
    assertEquals(1.0, grad.get(0), 0.0);
    assertEquals(-1.0, grad.get(1), 0.0);
  }

  @Test
  void badConfigValuesAreRejected() {
    assertMessage(assertThrows(IllegalArgumentException.class, () -> new MseLossConfig("avg")),
        "reduction", "'mean' or 'sum'", "'avg'");
    assertMessage(assertThrows(IllegalArgumentException.class,
        () -> new BceWithLogitsLoss(new BceWithLogitsLossConfig("mean", List.of(1.0, 2.0, 3.0)))
            .evaluate(OPS, t(1, 2), t(1, 2), null, t(1, 2))), "posWeight", "1 or 2", "3");
  }
}
