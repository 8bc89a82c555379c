package org.rnnlab.testkit;

import java.util.function.DoubleSupplier;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Numerical gradients by central differences, {@code (L(v + eps) - L(v - eps)) / (2 eps)}, one
 * element at a time. Meant for {@link DType#FLOAT64} tensors, where with {@code eps = 1e-6} the
 * truncation error ({@code ~eps^2}) and the rounding error ({@code ~1e-16 / eps}) both stay near
 * {@code 1e-10}, far below the error of a wrong backward.
 */
public final class FiniteDifferences {
  /** Default step: the usual choice for double precision (as {@code torch.autograd.gradcheck}). */
  public static final double EPS = 1e-6;

  private FiniteDifferences() {}

  /**
   * @param loss evaluates the scalar loss from the current tensor values (re-running forward)
   * @param input the FLOAT64 tensor to perturb; restored exactly afterwards
   * @param eps the step
   * @return {@code dLoss/dInput}, same shape
   */
  public static Tensor gradient(DoubleSupplier loss, Tensor input, double eps) {
    if (input.dtype() != DType.FLOAT64) {
      throw new IllegalArgumentException(
          "finite differences need a FLOAT64 tensor, got " + input + "; build the plugin in FLOAT64");
    }
    Tensor grad = Tensor.zeros(DType.FLOAT64, input.shape());
    for (int i = 0; i < input.size(); i++) {
      double v = input.get(i);
      input.set(i, v + eps);
      double plus = loss.getAsDouble();
      input.set(i, v - eps);
      double minus = loss.getAsDouble();
      input.set(i, v);
      grad.set(i, (plus - minus) / (2 * eps));
    }
    return grad;
  }

  /**
   * @param a tensor
   * @param b tensor of the same size
   * @return {@code sum_i a_i * b_i}, in double
   */
  public static double dot(Tensor a, Tensor b) {
    double acc = 0;
    for (int i = 0; i < a.size(); i++) {
      acc += a.get(i) * b.get(i);
    }
    return acc;
  }
}
