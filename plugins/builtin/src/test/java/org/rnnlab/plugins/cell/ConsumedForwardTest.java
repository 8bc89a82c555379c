package org.rnnlab.plugins.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.core.layer.Truncation;

/**
 * A backward pass that uses up the forward values (gate gradients written over the gate
 * activations, the default) gives the bits of one that keeps them, with the Vector API kernels
 * on two threads, for full BPTT and chunked TBPTT; overlapping TBPTT windows keep them by
 * themselves; a second backward of a used-up forward pass is refused.
 */
class ConsumedForwardTest {
  private static final PluginRegistry REGISTRY = Plugins.load();
  private static final KernelOps OPS = KernelOpsProvider.create(2);
  private static final int B = 5;
  private static final int T = 9;
  private static final int I = 7;
  private static final int H = 33;

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru", "rnn_tanh", "rnn_relu"})
  void consumingBackwardGivesTheGradientsOfAKeepingOne(String key) {
    for (Truncation truncation : new Truncation[] {null, new Truncation(3, 3), new Truncation(2, 5)}) {
      for (boolean bidirectional : truncation == null ? new boolean[] {false, true}
          : new boolean[] {false}) {
        List<double[]> kept = gradients(key, bidirectional, truncation, true);
        List<double[]> consumed = gradients(key, bidirectional, truncation, false);
        for (int i = 0; i < kept.size(); i++) {
          assertArrayEquals(kept.get(i), consumed.get(i),
              key + " truncation=" + truncation + " bidirectional=" + bidirectional + " #" + i);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru"})
  void secondBackwardOfAUsedUpForwardPassIsRefusedUnlessRetained(String key) {
    RecurrentStack stack = stack(key, false);
    Tensor x = random(new SplittableRandom(3), B, T, I);
    Tensor dy = random(new SplittableRandom(4), B, T, H);
    stack.forward(OPS, x, null, null, null);
    stack.backward(OPS, dy, null, null);
    assertThrows(IllegalStateException.class, () -> stack.backward(OPS, dy, null, null));
    // overlapping windows back-propagate steps twice, so they keep the values themselves
    stack.forward(OPS, x, null, null, null);
    stack.backward(OPS, dy, null, new Truncation(2, 5));
    stack.backward(OPS, dy, null, new Truncation(2, 5));
    stack.setRetainForward(true);
    stack.forward(OPS, x, null, null, null);
    stack.backward(OPS, dy, null, null);
    stack.backward(OPS, dy, null, null);
  }

  private static List<double[]> gradients(String key, boolean bidirectional, Truncation truncation,
      boolean retain) {
    RecurrentStack stack = stack(key, bidirectional);
    stack.setRetainForward(retain);
    int width = (bidirectional ? 2 : 1) * H;
    SplittableRandom rng = new SplittableRandom(8);
    Tensor x = random(rng, B, T, I);
    Tensor dy = random(rng, B, T, width);
    int[] lengths = {T, 4, T, 1, 6};
    stack.zeroGrad();
    // two training steps: the second forward must find the cache usable again
    for (int round = 0; round < 2; round++) {
      stack.forward(OPS, x, truncation == null ? lengths : null, null, null);
      stack.backward(OPS, dy, null, truncation);
    }
    return stack.parameters().stream().map(p -> p.grad().toDoubleArray()).toList();
  }

  private static RecurrentStack stack(String key, boolean bidirectional) {
    CellFactory<?> f = REGISTRY.get(PluginFamily.CELL, key);
    RecurrentStack stack = new RecurrentStack(f, f.defaults(),
        new RecurrentSpec(I, H, 2, bidirectional, 0), DType.FLOAT32);
    stack.resetParameters(new SplittableRandom(5));
    return stack;
  }

  private static Tensor random(SplittableRandom rng, int... shape) {
    Tensor t = Tensor.zeros(DType.FLOAT32, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, 2 * rng.nextDouble() - 1);
    }
    return t;
  }
}
