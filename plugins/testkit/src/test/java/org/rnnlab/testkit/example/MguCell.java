package org.rnnlab.testkit.example;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * Minimal Gated Unit (Zhou et al. 2016), written the way a researcher would write a plugin cell
 * in their own jar: it lives only in test sources and is found through {@code META-INF/services},
 * so the automatic gradient check and the shared recurrent layer pick it up with no change to
 * rnnlab.
 *
 * <pre>
 *   f  = σ(W_f x + b_f + U_f h)
 *   n  = tanh(W_n x + b_n + U_n (f ⊙ h))
 *   h' = (1 − f) ⊙ h + f ⊙ n
 * </pre>
 *
 * Parameters: {@code weight_ih [2H×I]} (blocks f|n), {@code weight_hh [2H×H]}, {@code bias [2H]}.
 */
public final class MguCell implements Cell {

  /** @param initScale half-width of the uniform initialisation, as a multiple of 1/sqrt(H) */
  public record Config(@Doc("Uniform init half-width as a multiple of 1/sqrt(H).") double initScale)
      implements PluginConfig {}

  /** Factory registered as {@code mgu}. */
  public static final CellFactory<Config> FACTORY = CellFactory.of(
      Config.class, new Config(1.0),
      "Minimal Gated Unit (Zhou et al. 2016), an example plugin from test sources",
      MguCell::new);

  private static final class StepCache implements Cache {
    final Tensor f;
    final Tensor n;
    final Tensor fh;
    final Tensor gate;

    StepCache(CellShape s, int batch) {
      f = Tensor.zeros(s.dtype(), batch, s.hiddenSize());
      n = Tensor.zeros(s.dtype(), batch, s.hiddenSize());
      fh = Tensor.zeros(s.dtype(), batch, s.hiddenSize());
      gate = Tensor.zeros(s.dtype(), batch, 2 * s.hiddenSize());
    }
  }

  private final Config config;
  private final CellShape shape;
  private final Parameter weightIh;
  private final Parameter weightHh;
  private final Parameter bias;

  MguCell(Config config, CellShape shape) {
    this.config = config;
    this.shape = shape;
    int h = shape.hiddenSize();
    weightIh = Parameter.of("weight_ih", Tensor.zeros(shape.dtype(), 2 * h, shape.inputSize()));
    weightHh = Parameter.of("weight_hh", Tensor.zeros(shape.dtype(), 2 * h, h));
    bias = Parameter.of("bias", Tensor.zeros(shape.dtype(), 2 * h));
  }

  @Override
  public CellShape shape() {
    return shape;
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weightIh, weightHh, bias);
  }

  @Override
  public void resetParameters(SplittableRandom rng) {
    double a = config.initScale() / Math.sqrt(shape.hiddenSize());
    for (Parameter p : parameters()) {
      for (int i = 0; i < p.value().size(); i++) {
        p.value().set(i, rng.nextDouble(-a, a));
      }
    }
  }

  @Override
  public Cache newCache(int batch) {
    return new StepCache(shape, batch);
  }

  private Tensor uf() {
    int h = shape.hiddenSize();
    return weightHh.value().view(0, h, h);
  }

  private Tensor un() {
    int h = shape.hiddenSize();
    return weightHh.value().view(h * h, h, h);
  }

  @Override
  public void forward(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, Cache cache) {
    StepCache c = (StepCache) cache;
    int b = x.dim(0);
    int h = shape.hiddenSize();
    Tensor hPrev = prev[0];
    // gate = x W_ih^T + bias, then the f block gets U_f h
    ops.gemm(false, true, b, 2 * h, shape.inputSize(), 1, x, weightIh.value(), 0, c.gate);
    ops.addRowVector(bias.value(), c.gate);
    ops.gemm(false, true, b, h, h, 1, hPrev, uf(), 0, c.f);
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < h; j++) {
        c.f.add(r * h + j, c.gate.get(r * 2 * h + j));
      }
    }
    ops.activate(Activation.SIGMOID, c.f, c.f);
    ops.mul(c.f, hPrev, c.fh);
    ops.gemm(false, true, b, h, h, 1, c.fh, un(), 0, c.n);
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < h; j++) {
        c.n.add(r * h + j, c.gate.get(r * 2 * h + h + j));
      }
    }
    ops.activate(Activation.TANH, c.n, c.n);
    for (int i = 0; i < b * h; i++) {
      double f = c.f.get(i);
      next[0].set(i, (1 - f) * hPrev.get(i) + f * c.n.get(i));
    }
  }

  @Override
  public void backward(KernelOps ops, Tensor x, Tensor[] prev, Cache cache, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev) {
    StepCache c = (StepCache) cache;
    int b = x.dim(0);
    int h = shape.hiddenSize();
    Tensor hPrev = prev[0];
    Tensor dh = dNext[0];
    Tensor dPre = Tensor.zeros(shape.dtype(), b, 2 * h); // [df_pre | dn_pre]
    Tensor dfh = Tensor.zeros(shape.dtype(), b, h);
    for (int i = 0; i < b * h; i++) {
      double f = c.f.get(i);
      double n = c.n.get(i);
      int r = i / h;
      int j = i % h;
      dPre.set(r * 2 * h + h + j, dh.get(i) * f * (1 - n * n));
    }
    Tensor dnPre = Tensor.zeros(shape.dtype(), b, h);
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < h; j++) {
        dnPre.set(r * h + j, dPre.get(r * 2 * h + h + j));
      }
    }
    // d(f ⊙ h) = dn_pre U_n ; dU_n += dn_pre^T (f ⊙ h)
    ops.gemm(false, false, b, h, h, 1, dnPre, un(), 0, dfh);
    ops.gemm(true, false, h, h, b, 1, dnPre, c.fh, 1, weightHh.grad().view(h * h, h, h));
    Tensor dfPre = Tensor.zeros(shape.dtype(), b, h);
    for (int i = 0; i < b * h; i++) {
      double f = c.f.get(i);
      double df = dh.get(i) * (c.n.get(i) - hPrev.get(i)) + dfh.get(i) * hPrev.get(i);
      double v = df * f * (1 - f);
      dfPre.set(i, v);
      dPre.set((i / h) * 2 * h + (i % h), v);
      dPrev[0].set(i, dh.get(i) * (1 - f) + dfh.get(i) * f);
    }
    ops.gemm(false, false, b, h, h, 1, dfPre, uf(), 1, dPrev[0]);
    ops.gemm(true, false, h, h, b, 1, dfPre, hPrev, 1, weightHh.grad().view(0, h, h));
    ops.gemm(true, false, 2 * h, shape.inputSize(), b, 1, dPre, x, 1, weightIh.grad());
    ops.sumRows(dPre, bias.grad(), true);
    ops.gemm(false, false, b, shape.inputSize(), 2 * h, 1, dPre, weightIh.value(), 0, dx);
  }
}
