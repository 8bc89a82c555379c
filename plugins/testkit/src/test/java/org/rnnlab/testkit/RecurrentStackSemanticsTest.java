package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.cell.LstmCell;
import org.rnnlab.plugins.cell.LstmConfig;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.core.layer.Truncation;

/** Truncated BPTT and dropout of the recurrent stack, against their definitions. */
class RecurrentStackSemanticsTest {
  private static final KernelOps OPS = KernelOpsProvider.scalar();

  private static RecurrentStack lstm(int layers, boolean bidirectional, double dropout) {
    RecurrentStack s = new RecurrentStack(LstmCell.FACTORY, LstmConfig.defaults(),
        new RecurrentSpec(3, 4, layers, bidirectional, dropout), DType.FLOAT64);
    s.resetParameters(new SplittableRandom(1));
    return s;
  }

  private static Tensor x(int batch, int steps) {
    return RandomTensors.uniform(new SplittableRandom(2), DType.FLOAT64, 1, batch, steps, 3);
  }

  private static List<double[]> grads(RecurrentStack s, Tensor x, int[] lengths, Truncation tr) {
    s.zeroGrad();
    RecurrentStack.Output out = s.forward(OPS, x, lengths, null, null);
    Tensor dy = RandomTensors.uniform(new SplittableRandom(4), DType.FLOAT64, 1, out.y().shape());
    RecurrentStack.Gradients g = s.backward(OPS, dy, null, tr);
    List<double[]> all = new java.util.ArrayList<>();
    for (Parameter p : s.parameters()) {
      all.add(p.grad().toDoubleArray());
    }
    all.add(g.dx().toDoubleArray());
    return all;
  }

  private static void assertSame(List<double[]> a, List<double[]> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), 1e-12, "tensor " + i);
    }
  }

  @Test
  void truncationCoveringTheWholeSequenceEqualsFullBptt() {
    RecurrentStack s = lstm(2, false, 0);
    Tensor x = x(3, 6);
    int[] lengths = {6, 2, 5};
    List<double[]> full = grads(s, x, lengths, null);
    assertSame(full, grads(s, x, lengths, Truncation.chunked(6)));
    assertSame(full, grads(s, x, lengths, new Truncation(6, 9)));
  }

  @Test
  void truncationShorterThanTheSequenceDiffersFromFullBptt() {
    RecurrentStack s = lstm(1, false, 0);
    Tensor x = x(2, 6);
    List<double[]> full = grads(s, x, null, null);
    List<double[]> cut = grads(s, x, null, Truncation.chunked(2));
    assertFalse(Arrays.equals(full.get(1), cut.get(1)), "weight_hh gradient must change");
  }

  @Test
  void chunkedTruncationEqualsDetachedChunksInDefinitionCheck() {
    StackGradientCheck.check(LstmCell.FACTORY, LstmConfig.defaults(),
        new StackCase("TBPTT(2, 2) without lengths", 1, false, new int[] {6, 6}, 0,
            Truncation.chunked(2)), new SplittableRandom(8)).assertPasses();
  }

  @Test
  void truncationWindowsFollowWilliamsAndPeng() {
    assertEquals(List.of(new Truncation.Window(0, 0, 3), new Truncation.Window(1, 3, 6),
        new Truncation.Window(2, 6, 7)), new Truncation(3, 5).windows(7));
    assertEquals(List.of(new Truncation.Window(0, 0, 4)), Truncation.chunked(10).windows(4));
  }

  @Test
  void truncationOfABidirectionalStackIsRejected() {
    RecurrentStack s = lstm(1, true, 0);
    Tensor x = x(2, 4);
    RecurrentStack.Output out = s.forward(OPS, x, null, null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.backward(OPS, out.y(), null, Truncation.chunked(2)));
    assertTrue(e.getMessage().contains("bidirectional"), e.getMessage());
  }

  @Test
  void dropoutWithTheSameSeedGivesTheSameOutput() {
    RecurrentStack s = lstm(3, true, 0.5);
    Tensor x = x(2, 5);
    Tensor a = s.forward(OPS, x, null, null, new SplittableRandom(42)).y();
    Tensor b = s.forward(OPS, x, null, null, new SplittableRandom(42)).y();
    Tensor c = s.forward(OPS, x, null, null, new SplittableRandom(43)).y();
    assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0);
    assertFalse(Arrays.equals(a.toDoubleArray(), c.toDoubleArray()), "another seed, another mask");
  }

  @Test
  void evaluationWithoutRngIgnoresDropout() {
    RecurrentStack withDropout = lstm(2, false, 0.5);
    RecurrentStack without = lstm(2, false, 0);
    Tensor x = x(2, 5);
    assertArrayEquals(without.forward(OPS, x, null, null, null).y().toDoubleArray(),
        withDropout.forward(OPS, x, null, null, null).y().toDoubleArray(), 0);
  }

  @Test
  void parametersFollowPyTorchNamesAndOrder() {
    List<String> names = lstm(2, true, 0).parameters().stream().map(Parameter::name).toList();
    List<String> expected = new java.util.ArrayList<>();
    for (String layer : List.of("_l0", "_l0_reverse", "_l1", "_l1_reverse")) {
      for (String p : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
        expected.add(p + layer);
      }
    }
    assertEquals(expected, names);
    assertArrayEquals(new int[] {16, 8}, lstm(2, true, 0).parameters().get(8).value().shape(),
        "weight_ih_l1 reads both directions of layer 0");
  }
}
