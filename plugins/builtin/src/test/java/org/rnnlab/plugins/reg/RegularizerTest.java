package org.rnnlab.plugins.reg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.reg.Regularizer;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/** Penalty values, gradients, bias exclusion, stages and clip counters. */
class RegularizerTest {
  private static final KernelOps OPS = KernelOpsProvider.scalar();

  private static List<Parameter> parameters() {
    Parameter w = new Parameter("weight_ih_l0",
        Tensor.of(DType.FLOAT64, new double[] {1, -2, 0, 3}, 2, 2),
        Tensor.of(DType.FLOAT64, new double[] {0.5, 0.5, 0.5, 0.5}, 2, 2));
    Parameter b = new Parameter("head.bias",
        Tensor.of(DType.FLOAT64, new double[] {4, -1}, 2),
        Tensor.of(DType.FLOAT64, new double[] {0, 0}, 2));
    return List.of(w, b);
  }

  @Test
  void l2AddsCoefficientTimesWeightAndReturnsHalfSquaredNorm() {
    List<Parameter> p = parameters();
    Regularizer l2 = new L2Penalty(new L2Config(0.1, false));
    assertEquals(Regularizer.Stage.PENALTY, l2.stage());
    assertEquals(0.5 * 0.1 * (1 + 4 + 9 + 16 + 1), l2.apply(OPS, p), 1e-15);
    assertArrayEquals(new double[] {0.6, 0.3, 0.5, 0.8}, p.get(0).grad().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0.4, -0.1}, p.get(1).grad().toDoubleArray(), 1e-15);
  }

  @Test
  void l2ExcludesBiasesWhenAsked() {
    List<Parameter> p = parameters();
    assertEquals(0.5 * 0.1 * 14, new L2Penalty(new L2Config(0.1, true)).apply(OPS, p), 1e-15);
    assertArrayEquals(new double[] {0, 0}, p.get(1).grad().toDoubleArray(), 0.0);
  }

  @Test
  void l1AddsCoefficientTimesSignWithZeroAtZero() {
    List<Parameter> p = parameters();
    Regularizer l1 = new L1Penalty(new L1Config(0.01, true));
    assertEquals(0.01 * 6, l1.apply(OPS, p), 1e-15);
    assertArrayEquals(new double[] {0.51, 0.49, 0.5, 0.51}, p.get(0).grad().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0, 0}, p.get(1).grad().toDoubleArray(), 0.0);
  }

  @Test
  void biasDetectionFollowsPyTorchNames() {
    assertTrue(Penalties.isBias("bias_hh_l1_reverse"));
    assertTrue(Penalties.isBias("decoder.out.bias"));
    assertTrue(!Penalties.isBias("weight_hh_l0") && !Penalties.isBias("bias_net.weight"));
  }

  @Test
  void clipCountersTrackEventsAndPreClipValues() {
    ClipNorm norm = new ClipNorm(new ClipNormConfig(1.5));
    ClipValue value = new ClipValue(new ClipValueConfig(0.4));
    assertEquals(Double.NaN, norm.lastPreClipValue());
    assertEquals(Regularizer.Stage.GRADIENT, norm.stage());
    List<Parameter> p = parameters(); // gradient norm 1.0, max |g| 0.5
    norm.apply(OPS, p);
    assertEquals(1.0, norm.lastPreClipValue(), 1e-15);
    assertEquals(0, norm.events(), "norm 1.0 is below maxNorm 1.5");
    value.apply(OPS, p);
    value.apply(OPS, p);
    assertEquals(1, value.events(), "second call finds nothing above the bound");
    assertEquals(0.4, value.lastPreClipValue(), 0.0);
    p.get(0).grad().set(0, 3.0);
    norm.apply(OPS, p);
    assertEquals(1, norm.events());
    double after = Math.sqrt(OPS.sumOfSquares(p.get(0).grad()) + OPS.sumOfSquares(p.get(1).grad()));
    assertEquals(1.5 / (1 + 1e-6 / norm.lastPreClipValue()), after, 1e-12);
  }

  @Test
  void clipNormScalesANormEqualToMaxNormAsTorchDoes() {
    ClipNorm norm = new ClipNorm(new ClipNormConfig(1.0));
    List<Parameter> p = parameters(); // gradient norm exactly 1.0: torch scales by 1 / (1 + 1e-6)
    norm.apply(OPS, p);
    assertEquals(1, norm.events());
    assertEquals(0.5 / (1 + 1e-6), p.get(0).grad().get(0), 1e-16);
  }

  @Test
  void nonPositiveBoundsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ClipNormConfig(0));
    assertThrows(IllegalArgumentException.class, () -> new ClipValueConfig(-1));
    assertThrows(IllegalArgumentException.class, () -> new L2Config(Double.NaN, false));
  }
}
