package org.rnnlab.plugins.core.model;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Affine map applied to every row: {@code y = x W^T + b}, as {@code torch.nn.Linear}.
 *
 * <p>Shapes (2-D views of any batch layout): {@code x [N, in]}, {@code y [N, out]}; parameters {@code weight [out, in]},
 * {@code bias [out]} named with a prefix ({@code head.weight}). Initialisation
 * {@code U(-1/sqrt(in), 1/sqrt(in))} for both, as PyTorch does.
 */
public final class Linear {
  private final String prefix;
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * @param prefix parameter-name prefix, e.g. {@code "head"}
   * @param in input features
   * @param out output features
   * @param dtype element type
   */
  public Linear(String prefix, int in, int out, DType dtype) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException(
          "Linear needs in > 0 and out > 0, got in=" + in + " out=" + out + ".");
    }
    this.prefix = prefix;
    this.in = in;
    this.out = out;
    this.weight = Parameter.of(prefix + ".weight", Tensor.zeros(dtype, out, in));
    this.bias = Parameter.of(prefix + ".bias", Tensor.zeros(dtype, out));
  }

  /** @return {@code weight, bias} */
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  /** @return output features */
  public int outputSize() {
    return out;
  }

  /** @param rng source of the initial values */
  public void resetParameters(SplittableRandom rng) {
    double a = 1 / Math.sqrt(in);
    for (Parameter p : parameters()) {
      for (int i = 0; i < p.value().size(); i++) {
        p.value().set(i, rng.nextDouble(-a, a));
      }
    }
  }

  /**
   * @param ops kernels
   * @param x input {@code [N, in]}
   * @param y receives {@code [N, out]}
   */
  public void forward(KernelOps ops, Tensor x, Tensor y) {
    int n = x.dim(0);
    Tensor.requireShape(prefix + " input", x, n, in);
    Tensor.requireShape(prefix + " output", y, n, out);
    ops.gemmBias(false, true, n, out, in, x, weight.value(), bias.value(), y);
  }

  /**
   * Accumulates {@code dW += dy^T x}, {@code db += sum_rows dy} and writes {@code dx = dy W}.
   *
   * @param ops kernels
   * @param x the forward input {@code [N, in]}
   * @param dy gradient of the output {@code [N, out]}
   * @param dx receives the gradient of the input {@code [N, in]}, or null when not needed
   */
  public void backward(KernelOps ops, Tensor x, Tensor dy, Tensor dx) {
    int n = x.dim(0);
    Tensor.requireShape(prefix + " output gradient", dy, n, out);
    ops.gemm(true, false, out, in, n, 1, dy, x, 1, weight.grad());
    ops.sumRows(dy, bias.grad(), true);
    if (dx != null) {
      ops.gemm(false, false, n, in, out, 1, dy, weight.value(), 0, dx);
    }
  }
}
