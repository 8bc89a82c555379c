package org.rnnlab.plugins.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.api.Group;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.ParityFixture;

/** Loss values and gradients against torch.nn.functional (parity/losses.h5, make_loss_fixtures.py). */
class LossParityTest {
  private static final KernelOps OPS = KernelOpsProvider.scalar();

  static Stream<String> cases() {
    try (ParityFixture f = ParityFixture.open("losses.h5")) {
      return new ArrayList<>(f.groups().keySet()).stream();
    }
  }

  static Loss lossFor(Group g) {
    String reduction = ParityFixture.stringAttribute(g, "reduction");
    return switch (ParityFixture.stringAttribute(g, "loss")) {
      case "mse" -> new MseLoss(new MseLossConfig(reduction));
      case "cross_entropy" -> new CrossEntropyLoss(new CrossEntropyLossConfig(reduction));
      case "bce_with_logits" -> {
        List<Double> pw = ParityFixture.has(g, "pos_weight")
            ? Arrays.stream(ParityFixture.doubles(g, "pos_weight")).boxed().toList()
            : List.of();
        yield new BceWithLogitsLoss(new BceWithLogitsLossConfig(reduction, pw));
      }
      default -> throw new IllegalStateException("unknown loss in fixture " + g.getName());
    };
  }

  /** Evaluates case {@code name} in {@code dtype}; returns {loss, grad...} and the torch values. */
  static double[][] evaluate(String name, DType dtype) {
    try (ParityFixture f = ParityFixture.open("losses.h5")) {
      Group g = (Group) f.root().getChild(name);
      Loss loss = lossFor(g);
      int[] shape = ParityFixture.dims(g, "prediction");
      Tensor prediction = Tensor.of(dtype, ParityFixture.doubles(g, "prediction"), shape);
      Tensor target = Tensor.of(dtype, ParityFixture.doubles(g, "target"), ParityFixture.dims(g, "target"));
      Tensor mask = ParityFixture.has(g, "mask") ? Tensor.of(dtype, ParityFixture.doubles(g, "mask"), shape[0]) : null;
      Tensor grad = Tensor.zeros(dtype, shape);
      grad.fill(Double.NaN); // the loss must overwrite every element
      double value = loss.evaluate(OPS, prediction, target, mask, grad);
      return new double[][] {
          {value}, grad.toDoubleArray(), ParityFixture.doubles(g, "loss"), ParityFixture.doubles(g, "grad")};
    }
  }

  private static double maxRelError(double[] actual, double[] expected) {
    double max = 0;
    for (int i = 0; i < actual.length; i++) {
      max = Math.max(max, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-3));
    }
    return max;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void float64ValueAndGradientMatchTorch(String name) {
    double[][] r = evaluate(name, DType.FLOAT64);
    assertEquals(r[2][0], r[0][0], 1e-12 * Math.abs(r[2][0]), name + " loss");
    assertTrue(maxRelError(r[1], r[3]) <= 1e-12, name + " grad: max relative error " + maxRelError(r[1], r[3]));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void float32ValueAndGradientMatchTorchToSinglePrecision(String name) {
    double[][] r = evaluate(name, DType.FLOAT32);
    assertEquals(r[2][0], r[0][0], 1e-5 * Math.abs(r[2][0]), name + " loss");
    assertTrue(maxRelError(r[1], r[3]) <= 1e-4, name + " grad: max relative error " + maxRelError(r[1], r[3]));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void maskedRowsGetZeroGradient(DType dtype) {
    double[][] r = evaluate("cross_entropy_mean_masked", dtype);
    int d = 4;
    for (int row : new int[] {1, 4}) { // rows with mask 0 in the fixture
      for (int j = 0; j < d; j++) {
        assertEquals(0.0, r[1][row * d + j], 0.0);
      }
    }
  }
}
