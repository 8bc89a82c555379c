package org.rnnlab.plugins.reg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.api.Group;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.reg.Regularizer;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.ParityFixture;

/** Clipping against torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (parity/clipping.h5). */
class ClippingParityTest {
  private static final KernelOps OPS = KernelOpsProvider.scalar();

  /** Applies {@code reg} to the fixture's two gradients and checks the clipped ones. */
  private static void check(String name, Regularizer reg, long expectedEvents) {
    try (ParityFixture f = ParityFixture.open("clipping.h5")) {
      Group g = (Group) f.root().getChild(name);
      List<Parameter> params = List.of(parameter(g, 0), parameter(g, 1));
      assertEquals(0.0, reg.apply(OPS, params));
      for (int i = 0; i < 2; i++) {
        assertArrayEquals(ParityFixture.doubles(g, "clipped" + i), params.get(i).grad().toDoubleArray(), 1e-15,
            name + " gradient " + i);
      }
      assertEquals(expectedEvents, reg.events(), name + " events");
      if (ParityFixture.has(g, "total_norm")) {
        assertEquals(ParityFixture.doubles(g, "total_norm")[0], reg.lastPreClipValue(), 1e-14);
      }
    }
  }

  private static Parameter parameter(Group g, int i) {
    int[] shape = ParityFixture.dims(g, "grad" + i);
    return new Parameter("p" + i, Tensor.zeros(DType.FLOAT64, shape),
        Tensor.of(DType.FLOAT64, ParityFixture.doubles(g, "grad" + i), shape));
  }

  private static double attribute(String group, String name) {
    try (ParityFixture f = ParityFixture.open("clipping.h5")) {
      return ParityFixture.numberAttribute(f.root().getChild(group), name);
    }
  }

  @Test
  void clipNormMatchesClipGradNormWhenItClips() {
    check("clip_norm_clipped", new ClipNorm(new ClipNormConfig(attribute("clip_norm_clipped", "max_norm"))), 1);
  }

  @Test
  void clipNormLeavesSmallGradientsAndCountsNoEvent() {
    check("clip_norm_unclipped", new ClipNorm(new ClipNormConfig(attribute("clip_norm_unclipped", "max_norm"))), 0);
  }

  @Test
  void clipValueMatchesClipGradValue() {
    check("clip_value_clipped", new ClipValue(new ClipValueConfig(attribute("clip_value_clipped", "clip_value"))), 1);
  }
}
