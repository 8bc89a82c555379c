package org.rnnlab.api.kernel;

import org.rnnlab.api.tensor.Tensor;

/**
 * All numeric work of rnnlab: GEMM, fused recurrent gate math, activations, reductions and
 * loss kernels. Two implementations exist in {@code kernels-simd}: a plain-Java scalar reference
 * and a Vector API one; one is chosen at start-up (see {@code org.rnnlab.kernels.KernelOpsProvider}).
 *
 * <p>Conventions: every tensor is row-major and contiguous (a {@link Tensor#view view} is fine);
 * matrices are given with their logical sizes; all tensors of one call share one {@link
 * org.rnnlab.api.tensor.DType}. Gate layouts follow PyTorch: LSTM {@code i|f|g|o} in blocks of
 * {@code H} columns, GRU {@code r|z|n}. Shapes use {@code B} batch rows and {@code H} hidden units.
 *
 * <p>Implementations do not validate arguments (callers do, with messages naming the tensor).
 * <b>Results must not depend on the thread count</b>: parallel implementations split output
 * blocks, never a reduction. Instances are thread-safe for calls on disjoint outputs.
 */
public interface KernelOps {

  /** @return short implementation name, e.g. {@code "scalar"} or {@code "panama"} */
  String name();

  /** @return SIMD width in bits, 0 for the scalar reference */
  int vectorBitSize();

  /** @return number of threads the implementation may use for one call */
  int threads();

  /**
   * {@code C = alpha * op(A) * op(B) + beta * C} where {@code op(A)} is {@code m x k} and
   * {@code op(B)} is {@code k x n}. {@code A} is stored {@code m x k} (or {@code k x m} when
   * {@code transA}); {@code B} is stored {@code k x n} (or {@code n x k} when {@code transB}).
   * With {@code beta == 0} the old contents of {@code C} are ignored (NaN included).
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, Tensor a, Tensor b, double beta, Tensor c);

  /**
   * {@code C = op(A) · op(B) + 1 · bias^T}, shapes as {@link #gemm} and {@code bias [N]}: an
   * affine map of {@code M} rows at once. The default is {@link #gemm} (alpha 1, beta 0) then
   * {@link #addRowVector}; implementations may add the bias while each block of C is still in
   * cache, but must give the same bits as that default.
   */
  default void gemmBias(boolean transA, boolean transB, int m, int n, int k, Tensor a, Tensor b,
      Tensor bias, Tensor c) {
    gemm(transA, transB, m, n, k, 1, a, b, 0, c);
    addRowVector(bias, c);
  }

  /**
   * Two products that share their left operand, accumulated: {@code c1 += a^T · b1} and
   * {@code c2 += a[:, 0 : M2]^T · b2} for {@code a [K x M]}, {@code b1 [K x N1]},
   * {@code b2 [K x N2]}, {@code c1 [M x N1]}, {@code c2 [M2 x N2]} with {@code M2 <= M}
   * ({@code N2 = b2.size() / K}, {@code M2 = c2.size() / N2}). These are a layer's two weight
   * gradients over all steps, {@code dW_ih += dG^T X} and {@code dW_hh += dG^T H_prev}, where an
   * implementation can read the gate gradients once instead of twice; {@code M2 < M} when only
   * the first gates' recurrent-side gradients equal the input-side ones (GRU: r and z, whose
   * {@code W_hh} rows are the first {@code 2H}). The default is {@link #gemm} (transA, alpha 1,
   * beta 1) for the first and, for the second, {@link #gemm} or {@link #gemmTnColumns} when
   * {@code M2 < M}; implementations must give the same bits.
   */
  default void gemmTnPair(int m, int k, Tensor a, Tensor b1, Tensor c1, Tensor b2, Tensor c2) {
    gemm(true, false, m, c1.size() / Math.max(1, m), k, 1, a, b1, 1, c1);
    int n2 = b2.size() / Math.max(1, k);
    int m2 = n2 == 0 ? m : c2.size() / n2;
    if (m2 == m) {
      gemm(true, false, m, n2, k, 1, a, b2, 1, c2);
    } else {
      gemmTnColumns(0, m2, k, a, b2, c2);
    }
  }

  /**
   * {@code c += a[:, from : from + m]^T · b}: the product of a block of {@code m} consecutive
   * columns of {@code a [K x W]} ({@code W = a.size() / k}), transposed, with {@code b [K x N]},
   * accumulated into {@code c [M x N]}. The weight gradient of gates whose gradients sit inside a
   * wider buffer (GRU's recurrent-side {@code r, z} gradients are the first {@code 2H} columns of
   * the input-side ones) without copying them out. The default copies the block and calls
   * {@link #gemm} (transA, alpha 1, beta 1); implementations must give the same bits.
   */
  default void gemmTnColumns(int from, int m, int k, Tensor a, Tensor b, Tensor c) {
    int width = a.size() / Math.max(1, k);
    Tensor block = Tensor.zeros(c.dtype(), k, m);
    for (int p = 0; p < k; p++) {
      block.view(p * m, m).copyFrom(a.view(p * width + from, m));
    }
    gemm(true, false, m, c.size() / Math.max(1, m), k, 1, block, b, 1, c);
  }

  /**
   * {@code dst[j, i, :] = src[i, j, :]} for {@code src [A, B, F]} and {@code dst [B, A, F]}: the
   * batch-first / time-major change of layout of the recurrent layer. A pure copy; the default
   * copies row by row with {@link Tensor#copyRange} (no views: the layer calls this every pass,
   * and a view per row made {@code 2·A·B} objects of garbage each time).
   */
  default void swapLeadingAxes(Tensor src, Tensor dst) {
    int a = src.dim(0);
    int b = src.dim(1);
    int f = src.dim(2);
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        Tensor.copyRange(src, (i * b + j) * f, dst, (j * a + i) * f, f);
      }
    }
  }

  /** {@code y[r, j] += bias[j]} for every row {@code r} of {@code y [M x N]}, {@code bias [N]}. */
  void addRowVector(Tensor bias, Tensor y);

  /** {@code out[j] = (accumulate ? out[j] : 0) + sum_r m[r, j]} for {@code m [M x N]}. */
  void sumRows(Tensor m, Tensor out, boolean accumulate);

  /** {@code y += alpha * x}. */
  void axpy(double alpha, Tensor x, Tensor y);

  /** {@code x *= alpha}. */
  void scale(double alpha, Tensor x);

  /** {@code out = a * b} elementwise ({@code out} may alias {@code a} or {@code b}). */
  void mul(Tensor a, Tensor b, Tensor out);

  /** {@code y = f(x)} elementwise ({@code y} may alias {@code x}). */
  void activate(Activation f, Tensor x, Tensor y);

  /**
   * {@code dx = dy * f'(x)} written in terms of the output {@code y = f(x)}; {@code dx} may alias
   * {@code y} or {@code dy}.
   */
  void activateBackward(Activation f, Tensor y, Tensor dy, Tensor dx);

  /** @return {@code sum_i x_i^2}, accumulated in double */
  double sumOfSquares(Tensor x);

  /** @return {@code sum_i x_i}, accumulated in double */
  double sum(Tensor x);

  /** @return {@code max_i |x_i|} (NaN if any element is NaN) */
  double maxAbs(Tensor x);

  /**
   * LSTM pointwise step. On entry {@code gates [B x 4H]} holds pre-activations
   * {@code W_ih x + b_ih + W_hh h + b_hh}; on exit it holds the activations
   * {@code i = σ, f = σ, g = tanh, o = σ}. Then {@code c = f*cPrev + i*g} and
   * {@code h = o * tanh(c)}.
   */
  void lstmForward(Tensor gates, Tensor cPrev, Tensor c, Tensor h);

  /**
   * Prepares {@code w} for repeated {@link #gemm(Tensor, PackedWeight, double, Tensor)} calls.
   * The default keeps {@code w} as it is.
   *
   * @param w {@code [n x k]} when {@code transposed}, else {@code [k x n]}
   * @param transposed whether products use {@code w^T}
   * @return a packed weight of this implementation
   */
  default PackedWeight packWeight(Tensor w, boolean transposed) {
    return PackedWeight.unpacked(w, transposed);
  }

  /**
   * {@code C = beta * C + A · op(W)} for {@code A [m x k]}, {@code C [m x n]}, with {@code w}
   * from this implementation's {@link #packWeight} (refreshed since {@code W} last changed).
   */
  default void gemm(Tensor a, PackedWeight w, double beta, Tensor c) {
    int k = w.innerSize();
    int n = w.outputSize();
    gemm(false, w.transposed(), a.size() / k, n, k, 1, a, w.source(), beta, c);
  }

  /**
   * One LSTM time step of the sequence path: {@code gates += hPrev · W_hh^T}, then
   * {@link #lstmForward}{@code (gates, cPrev, c, h)}. On entry {@code gates [B x 4H]} holds
   * {@code W_ih x + b_ih + b_hh}; {@code weightHh} is {@code W_hh [4H x H]} packed transposed.
   * The hook for an implementation that fuses the two (each hidden unit needs only its own four
   * gate columns); the default runs them one after the other, which on this project's Vector
   * API kernels measured faster than a per-unit-block fusion (kernels-simd/BENCHMARKS-KERNELS.md).
   */
  default void lstmStep(Tensor hPrev, PackedWeight weightHh, Tensor gates, Tensor cPrev,
      Tensor c, Tensor h) {
    gemm(hPrev, weightHh, 1, gates);
    lstmForward(gates, cPrev, c, h);
  }

  /**
   * LSTM pointwise backward. Inputs: activated {@code gates [B x 4H]}, {@code cPrev}, {@code c},
   * the gradient {@code dh} reaching {@code h} and {@code dc} reaching {@code c} from later steps.
   * Outputs: {@code dGates [B x 4H]}, the gradient of the pre-activations, and {@code dcPrev}.
   * {@code dGates} may be {@code gates} itself (implementations read a unit's four gates before
   * they write its gradients): the sequence path writes the gradients over the activations.
   */
  void lstmBackward(Tensor gates, Tensor cPrev, Tensor c, Tensor dh, Tensor dc,
      Tensor dGates, Tensor dcPrev);

  /**
   * GRU (PyTorch variant) pointwise step. {@code gi [B x 3H] = W_ih x + b_ih} and
   * {@code gh [B x 3H] = W_hh h + b_hh}. On exit {@code gi} holds {@code r|z|n} with
   * {@code r = σ(gi_r + gh_r)}, {@code z = σ(gi_z + gh_z)}, {@code n = tanh(gi_n + r * gh_n)}, and
   * {@code h = (1 - z) * n + z * hPrev}.
   */
  void gruForward(Tensor gi, Tensor gh, Tensor hPrev, Tensor h);

  /**
   * One GRU time step of the sequence path: {@code gh = hPrev · W_hh^T + b_hh}, then
   * {@link #gruForward}{@code (gi, gh, hPrev, h)}, and, unless {@code ghN} is null, a copy of
   * {@code gh}'s n block into {@code ghN [B x H]} (all the backward step reads of {@code gh}).
   * {@code weightHh} is {@code W_hh [3H x H]} packed transposed, {@code biasHh [3H]}. A fusion
   * hook, as {@link #lstmStep}: the copy can be made while the rows are still in cache.
   */
  default void gruStep(Tensor hPrev, PackedWeight weightHh, Tensor biasHh, Tensor gi, Tensor gh,
      Tensor h, Tensor ghN) {
    gemm(hPrev, weightHh, 0, gh);
    addRowVector(biasHh, gh);
    gruForward(gi, gh, hPrev, h);
    copyLastBlock(gh, ghN);
  }

  /**
   * GRU pointwise backward. Inputs: {@code rzn [B x 3H]} (the activations left in {@code gi} by
   * {@link #gruForward}), {@code gh} (only its n block is read, so it may be that block alone,
   * {@code [B x H]}), {@code hPrev}, {@code dh}. Outputs: {@code dgi}, {@code dgh}
   * (gradients of the two pre-activation sums; they differ only in the n block, where
   * {@code dgh_n = dgi_n * r}) and {@code dhPrev = dh * z} (the direct path only). {@code dgi}
   * may be {@code rzn} itself and {@code dgh} may be {@code gh} itself, as {@code dGates} in
   * {@link #lstmBackward}.
   */
  void gruBackward(Tensor rzn, Tensor gh, Tensor hPrev, Tensor dh,
      Tensor dgi, Tensor dgh, Tensor dhPrev);

  /**
   * {@link #gruBackward(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)} that also
   * writes {@code dgh}'s n block into {@code dghN [B x H]} unless it is null: the part of the
   * recurrent-side gradients the sequence path keeps for the weight gradient. {@code dghN} may
   * be {@code gh} itself when that is the n block alone (each element is read before it is
   * written).
   */
  default void gruBackward(Tensor rzn, Tensor gh, Tensor hPrev, Tensor dh,
      Tensor dgi, Tensor dgh, Tensor dhPrev, Tensor dghN) {
    gruBackward(rzn, gh, hPrev, dh, dgi, dgh, dhPrev);
    copyLastBlock(dgh, dghN);
  }

  /**
   * {@code dst[b, :] = src[b, W - w : W]} for {@code src [B x W]}, {@code dst [B x w]}, with no
   * views (it runs every time step).
   */
  private static void copyLastBlock(Tensor src, Tensor dst) {
    if (dst == null) {
      return;
    }
    int rows = src.dim(0);
    int width = rows == 0 ? 0 : src.size() / rows;
    int block = rows == 0 ? 0 : dst.size() / rows;
    for (int b = 0; b < rows; b++) {
      Tensor.copyRange(src, b * width + width - block, dst, b * block, block);
    }
  }

  /**
   * Squared error over the rows of {@code prediction, target, grad [N x D]} with row weights
   * {@code w_r = mask[r]} ({@code mask [N]}, or null for all 1): writes
   * {@code grad[r, j] = (gradScale * w_r) * (p - t)} and returns {@code sum_r w_r s_r}, where
   * {@code s_r} sums a row's {@code (p - t)^2} as four partial sums over the columns modulo 4,
   * {@code (s0 + s1) + (s2 + s3)}, and the rows are added in order; differences and sums in
   * double. The loss kernel of MSE ({@code gradScale = 2 / (D * sum w)} for the mean). The
   * default is that loop; implementations must give the same bits (rows may be split between
   * threads: only the final sum is ordered).
   */
  default double squaredError(Tensor prediction, Tensor target, Tensor mask, double gradScale,
      Tensor grad) {
    int rows = prediction.dim(0);
    int width = rows == 0 ? 0 : prediction.size() / rows;
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double w = mask == null ? 1 : mask.get(r);
      double scale = gradScale * w;
      double[] s = new double[4];
      for (int j = 0; j < width; j++) {
        int i = r * width + j;
        double diff = prediction.get(i) - target.get(i);
        // the last (width mod 4) columns all go to s[0], as in the four-wide loop's tail
        s[j < width - width % 4 ? j % 4 : 0] += diff * diff;
        grad.set(i, scale * diff);
      }
      total += w * ((s[0] + s[1]) + (s[2] + s[3]));
    }
    return total;
  }

  /**
   * Softmax cross-entropy over rows of {@code logits [N x C]} with integer class
   * {@code targets[r]}. Rows with {@code mask[r] == 0} are ignored ({@code mask} may be null).
   * Writes {@code dLogits = mask * (softmax - onehot)} (unscaled) and returns the summed loss.
   */
  double softmaxCrossEntropy(Tensor logits, int[] targets, Tensor mask, Tensor dLogits);
}
