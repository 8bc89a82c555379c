package org.rnnlab.api.kernel;

import org.rnnlab.api.tensor.Tensor;

/**
 * A weight matrix prepared once for many products {@code C = beta C + A · op(W)} with the same
 * {@code W}: the recurrent product of every time step of a sequence uses one {@code W_hh}, so a
 * kernel can lay it out for its register tiles once per sequence instead of once per step (the
 * role of a pre-packed weight in oneDNN or FBGEMM).
 *
 * <p>{@code op(W)} is {@code k x n}: {@code W [n x k]} used transposed when {@link #transposed()}
 * (as in {@code h · W_hh^T}), else {@code W [k x n]} as stored (as in {@code dG · W_hh}).
 * The packed form is a snapshot: call {@link #refresh()} after {@code W} changes (an optimizer
 * step), before the next product. Obtain instances from {@link KernelOps#packWeight}; an instance
 * is used by one thread at a time.
 */
public interface PackedWeight {

  /** @return the weight this was packed from (its current contents may be newer) */
  Tensor source();

  /** @return whether products use {@code W^T} */
  boolean transposed();

  /** @return {@code k}, the inner dimension of {@code A · op(W)} */
  default int innerSize() {
    return transposed() ? source().dim(1) : source().dim(0);
  }

  /** @return {@code n}, the columns of {@code A · op(W)} */
  default int outputSize() {
    return transposed() ? source().dim(0) : source().dim(1);
  }

  /** Re-reads {@link #source()}: required after the weight changed. */
  void refresh();

  /**
   * A weight with no packed form: products read {@code w} directly, so {@link #refresh()} has
   * nothing to do. The default of {@link KernelOps#packWeight}.
   *
   * @param w the weight, a matrix
   * @param transposed whether products use {@code w^T}
   * @return the unpacked weight
   */
  static PackedWeight unpacked(Tensor w, boolean transposed) {
    if (w.rank() != 2) {
      throw new IllegalArgumentException("a weight must be a matrix, got rank " + w.rank());
    }
    return new PackedWeight() {
      @Override
      public Tensor source() {
        return w;
      }

      @Override
      public boolean transposed() {
        return transposed;
      }

      @Override
      public void refresh() {}
    };
  }
}
