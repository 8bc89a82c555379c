package org.rnnlab.plugins.optim;

import java.util.List;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * The update shared by {@link Adam} and {@link AdamW}, which differ only in where weight decay
 * acts: on the gradient (coupled) or directly on the weights (decoupled). The equations are in
 * the Javadoc of those two classes.
 */
abstract class AdamUpdate extends StatefulOptimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final boolean amsgrad;
  private final boolean decoupled;

  AdamUpdate(double lr, double beta1, double beta2, double eps, double weightDecay,
      boolean amsgrad, boolean decoupled) {
    super(lr, amsgrad
        ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
        : List.of("exp_avg", "exp_avg_sq"));
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.amsgrad = amsgrad;
    this.decoupled = decoupled;
  }

  /** torch.optim.Adam's and AdamW's argument checks. */
  static void check(double lr, double beta1, double beta2, double eps, double weightDecay) {
    HyperChecks.nonNegative("lr", lr);
    HyperChecks.unitInterval("beta1", beta1);
    HyperChecks.unitInterval("beta2", beta2);
    HyperChecks.nonNegative("eps", eps);
    HyperChecks.nonNegative("weightDecay", weightDecay);
  }

  @Override
  final void update(Tensor w, Tensor grad, Tensor[] slots, long step, double lr) {
    Tensor m = slots[0];
    Tensor v = slots[1];
    Tensor vMax = amsgrad ? slots[2] : null;
    double stepSize = lr / (1 - Math.pow(beta1, step));
    double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    if (w.dtype() == DType.FLOAT32) {
      updateFloats(w, grad, m, v, vMax, stepSize, bias2Sqrt, lr);
      return;
    }
    for (int i = 0; i < w.size(); i++) {
      double p = w.get(i);
      double g = grad.get(i);
      if (weightDecay != 0) {
        if (decoupled) {
          p = p * (1 - lr * weightDecay);
        } else {
          g = g + weightDecay * p;
        }
      }
      // same operation order as torch's mul_/add_/addcmul_ so float64 results agree to ~1 ulp
      double mi = m.get(i) * beta1 + (1 - beta1) * g;
      double vi = v.get(i) * beta2 + (1 - beta2) * g * g;
      m.set(i, mi);
      v.set(i, vi);
      double second = vi;
      if (vMax != null) {
        second = Math.max(vMax.get(i), vi);
        vMax.set(i, second);
      }
      double denom = Math.sqrt(second) / bias2Sqrt + eps;
      w.set(i, p + -stepSize * (mi / denom));
    }
  }

  /**
   * {@link #update} on float32 storage arrays, same arithmetic (double, rounded once per store):
   * one streaming pass instead of a branch per {@code get}/{@code set}.
   */
  private void updateFloats(Tensor w, Tensor grad, Tensor m, Tensor v, Tensor vMax,
      double stepSize, double bias2Sqrt, double lr) {
    float[] wa = w.floats();
    float[] ga = grad.floats();
    float[] ma = m.floats();
    float[] va = v.floats();
    float[] xa = vMax != null ? vMax.floats() : null;
    int wo = w.offset();
    int go = grad.offset();
    int mo = m.offset();
    int vo = v.offset();
    int xo = vMax != null ? vMax.offset() : 0;
    for (int i = 0, n = w.size(); i < n; i++) {
      double p = wa[wo + i];
      double g = ga[go + i];
      if (weightDecay != 0) {
        if (decoupled) {
          p = p * (1 - lr * weightDecay);
        } else {
          g = g + weightDecay * p;
        }
      }
      double mi = ma[mo + i] * beta1 + (1 - beta1) * g;
      double vi = va[vo + i] * beta2 + (1 - beta2) * g * g;
      ma[mo + i] = (float) mi;
      va[vo + i] = (float) vi;
      double second = vi;
      if (xa != null) {
        second = Math.max(xa[xo + i], vi);
        xa[xo + i] = (float) second;
      }
      double denom = Math.sqrt(second) / bias2Sqrt + eps;
      wa[wo + i] = (float) (p + -stepSize * (mi / denom));
    }
  }
}
