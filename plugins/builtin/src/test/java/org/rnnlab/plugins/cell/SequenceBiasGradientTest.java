package org.rnnlab.plugins.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.cell.SequenceCell;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;

/**
 * The fast path sums the bias gradients step by step into the sequence cache and hands them over
 * in the weight-gradient pass. A backward pass that stopped half way (as when a non-finite
 * gradient aborts a training step) must not leak its partial sums into the next sequence's
 * bias gradients.
 */
class SequenceBiasGradientTest {
  private static final PluginRegistry REGISTRY = Plugins.load();
  private static final KernelOps OPS = KernelOpsProvider.scalar();
  private static final int I = 3;
  private static final int H = 4;
  private static final int B = 2;
  private static final int T = 5;

  private static SequenceCell create(String key) {
    CellFactory<?> f = REGISTRY.get(PluginFamily.CELL, key);
    SequenceCell cell = (SequenceCell) f.createFrom(f.defaults(), new CellShape(I, H, DType.FLOAT64));
    cell.resetParameters(new SplittableRandom(3));
    return cell;
  }

  private static Tensor random(long seed, int... shape) {
    SplittableRandom rng = new SplittableRandom(seed);
    Tensor t = Tensor.zeros(DType.FLOAT64, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, 2 * rng.nextDouble() - 1);
    }
    return t;
  }

  /** Forward over all steps, then backward over steps {@code [T - stepsBack, T)}. */
  private static Tensor runSequence(SequenceCell cell, SequenceCell.SequenceCache cache, Tensor xs,
      int stepsBack, boolean weights) {
    int states = cell.stateCount();
    Tensor[][] h = new Tensor[T + 1][states];
    for (int s = 0; s <= T; s++) {
      for (int k = 0; k < states; k++) {
        h[s][k] = Tensor.zeros(DType.FLOAT64, B, H);
      }
    }
    cell.forwardInputs(OPS, xs, cache);
    for (int s = 0; s < T; s++) {
      cell.forwardStep(OPS, s, h[s], h[s + 1], cache);
    }
    Tensor[] d = new Tensor[states];
    Tensor[] dPrev = new Tensor[states];
    for (int k = 0; k < states; k++) {
      d[k] = random(40 + k, B, H);
      dPrev[k] = Tensor.zeros(DType.FLOAT64, B, H);
    }
    for (int s = T - 1; s >= T - stepsBack; s--) {
      cell.backwardStep(OPS, s, h[s], h[s + 1], d, dPrev, cache);
      Tensor[] swap = d;
      d = dPrev;
      dPrev = swap;
    }
    Tensor hPrev = Tensor.zeros(DType.FLOAT64, T, B, H);
    for (int s = 0; s < T; s++) {
      hPrev.slice(s).copyFrom(h[s][0]);
    }
    if (weights) {
      cell.backwardWeights(OPS, xs, hPrev, T - stepsBack, T, Tensor.zeros(DType.FLOAT64, T, B, I),
          cache);
    }
    return hPrev;
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru", "rnn_tanh"})
  void anAbortedBackwardLeavesNoPartialBiasSums(String key) {
    Tensor xs = random(7, T, B, I);
    SequenceCell clean = create(key);
    runSequence(clean, clean.newSequenceCache(T, B), xs, T, true);

    SequenceCell aborted = create(key);
    SequenceCell.SequenceCache cache = aborted.newSequenceCache(T, B);
    runSequence(aborted, cache, xs, 3, false);   // stopped before the weight-gradient pass
    for (Parameter p : aborted.parameters()) {
      p.grad().fill(0);                          // the trainer discards the failed step
    }
    runSequence(aborted, cache, xs, T, true);

    for (int i = 0; i < clean.parameters().size(); i++) {
      Parameter want = clean.parameters().get(i);
      assertArrayEquals(want.grad().toDoubleArray(),
          aborted.parameters().get(i).grad().toDoubleArray(), 0.0, key + " " + want.name());
    }
  }
}
