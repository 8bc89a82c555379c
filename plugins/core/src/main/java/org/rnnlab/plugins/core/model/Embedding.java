package org.rnnlab.plugins.core.model;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Lookup table mapping token ids to vectors, as {@code torch.nn.Embedding}.
 *
 * <p>Shapes: ids {@code int[N]} in {@code [0, V)}, output {@code [N, D]}; parameter
 * {@code embedding.weight [V, D]}, initialised {@code N(0, 1)} as PyTorch does. The backward pass
 * scatter-adds rows in index order, so it is deterministic.
 */
public final class Embedding {
  private final int vocab;
  private final int dim;
  private final Parameter weight;

  /**
   * @param prefix parameter-name prefix, e.g. {@code "embedding"}
   * @param vocab number of token ids {@code V}
   * @param dim vector size {@code D}
   * @param dtype element type
   */
  public Embedding(String prefix, int vocab, int dim, DType dtype) {
    if (vocab <= 0 || dim <= 0) {
      throw new IllegalArgumentException(
          "Embedding needs vocab > 0 and dim > 0, got vocab=" + vocab + " dim=" + dim + ".");
    }
    this.vocab = vocab;
    this.dim = dim;
    this.weight = Parameter.of(prefix + ".weight", Tensor.zeros(dtype, vocab, dim));
  }

  /** @return the single weight parameter */
  public List<Parameter> parameters() {
    return List.of(weight);
  }

  /** @return vector size {@code D} */
  public int dim() {
    return dim;
  }

  /** @param rng source of the initial values (standard normal) */
  public void resetParameters(SplittableRandom rng) {
    Tensor w = weight.value();
    for (int i = 0; i < w.size(); i++) {
      w.set(i, gaussian(rng));
    }
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller: SplittableRandom has no nextGaussian; keeps the draw count fixed (2 per value)
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * @param ids token ids, each in {@code [0, V)}
   * @param out receives {@code [N, D]}
   */
  public void forward(int[] ids, Tensor out) {
    Tensor.requireShape("embedding output", out, ids.length, dim);
    for (int r = 0; r < ids.length; r++) {
      int id = ids[r];
      if (id < 0 || id >= vocab) {
        throw new IllegalArgumentException(
            "token id " + id + " at position " + r + " is outside the vocabulary [0, " + vocab + ")");
      }
      out.view(r * dim, dim).copyFrom(weight.value().view(id * dim, dim));
    }
  }

  /**
   * @param ids the forward ids
   * @param dOut gradient of the output {@code [N, D]}; accumulated into the weight gradient
   */
  public void backward(int[] ids, Tensor dOut) {
    Tensor g = weight.grad();
    for (int r = 0; r < ids.length; r++) {
      int base = ids[r] * dim;
      for (int j = 0; j < dim; j++) {
        g.add(base + j, dOut.get(r * dim + j));
      }
    }
  }
}
