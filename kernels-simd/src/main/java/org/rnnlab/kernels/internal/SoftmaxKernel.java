package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 softmax cross-entropy of {@link org.rnnlab.api.kernel.KernelOps#softmaxCrossEntropy},
 * one row at a time: max (exact), sum of {@code exp(x - max)} accumulated in double in a fixed
 * lane order, {@code logZ = max + log(sum)} in double, then
 * {@code dLogits = w (exp(x - logZ) - onehot)}. Rows are independent, so callers may split them
 * across threads and add the per-row losses in row order.
 */
final class SoftmaxKernel {
  private SoftmaxKernel() {}

  private static final VectorSpecies<Float> S = FLOATS;
  private static final int L = S.length();

  /**
   * Processes rows {@code [rowFrom, rowTo)}, storing each row's weighted loss in
   * {@code rowLoss[r]}.
   */
  static void rows(float[] x, int xo, int classes, int[] targets, float[] mask, int mo,
      float[] d, int dOff, double[] rowLoss, int rowFrom, int rowTo) {
    int bound = S.loopBound(classes);
    for (int r = rowFrom; r < rowTo; r++) {
      int base = xo + r * classes;
      int dBase = dOff + r * classes;
      float w = mask == null ? 1f : mask[mo + r];
      if (w == 0f) {
        Arrays.fill(d, dBase, dBase + classes, 0f);
        rowLoss[r] = 0;
        continue;
      }
      float max = rowMax(x, base, classes, bound);
      // d holds exp(x - max) first, then the probabilities
      VectorMath.exp(x, base, max, d, dBase, classes);
      double logZ = max + Math.log(ElementwiseKernels.sum(d, dBase, classes));
      int target = targets[r];
      rowLoss[r] = w * (logZ - x[base + target]);
      float lz = (float) logZ;
      VectorMath.exp(x, base, lz, d, dBase, classes);
      ElementwiseKernels.scale(w, d, dBase, 0, classes);
      // the one-hot term, with the scalar twin of the vector lanes
      d[dBase + target] = (VectorMath.exp(x[base + target] - lz) - 1f) * w;
    }
  }

  private static float rowMax(float[] x, int base, int classes, int bound) {
    float max = Float.NEGATIVE_INFINITY;
    int j = 0;
    if (bound > 0) {
      FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
      for (; j < bound; j += L) {
        acc = acc.max(FloatVector.fromArray(S, x, base + j));
      }
      // max is exact, so reduction order cannot change the result
      max = acc.reduceLanes(VectorOperators.MAX);
    }
    for (; j < classes; j++) {
      max = Math.max(max, x[base + j]);
    }
    return max;
  }
}
