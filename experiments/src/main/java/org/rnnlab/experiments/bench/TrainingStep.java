package org.rnnlab.experiments.bench;

import java.util.SplittableRandom;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.loss.MseLoss;
import org.rnnlab.plugins.loss.MseLossConfig;
import org.rnnlab.plugins.optim.Sgd;
import org.rnnlab.plugins.optim.SgdConfig;

/**
 * The training step {@code bench/torch_step.py} times, in float32: zero the gradients, run the
 * stack over {@code x [B, T, I]}, mean squared error of {@code y [B, T, H]} against a fixed
 * target, back-propagate through time (no {@code dx}, as for PyTorch's input without
 * {@code requires_grad}), one SGD step ({@code lr = 1e-3}, no momentum).
 *
 * <p>Inputs and targets are standard normal draws, the weights PyTorch's uniform initialisation,
 * all from one {@link SplittableRandom} seeded by the spec. Not thread-safe.
 */
final class TrainingStep {
  private static final double LR = 1e-3;

  private final KernelOps ops;
  private final RecurrentStack stack;
  private final Optimizer optimizer;
  private final Loss loss;
  private final Tensor x;
  private final Tensor target;
  private final Tensor dy;
  private final int rows;
  private double lastLoss = Double.NaN;

  /**
   * @param spec sizes
   * @param factory the cell to stack, used with its default options
   * @param ops kernels
   */
  TrainingStep(BenchSpec spec, CellFactory<?> factory, KernelOps ops) {
    this.ops = ops;
    SplittableRandom rng = new SplittableRandom(spec.seed());
    RecurrentSpec rs = new RecurrentSpec(spec.input(), spec.hidden(), spec.layers(), false, 0);
    this.stack = new RecurrentStack(factory, factory.defaults(), rs, DType.FLOAT32);
    stack.resetParameters(rng.split());
    // torch_step.py's x has no requires_grad, so PyTorch skips dx too
    stack.setInputGradient(false);
    this.optimizer = new Sgd(new SgdConfig(LR, 0, 0, false, 0));
    optimizer.init(stack.parameters());
    this.loss = new MseLoss(MseLossConfig.defaults());
    this.rows = spec.batch() * spec.steps();
    this.x = normal(rng.split(), spec.batch(), spec.steps(), spec.input());
    this.target = normal(rng.split(), rows, spec.hidden());
    this.dy = Tensor.zeros(DType.FLOAT32, rows, spec.hidden());
  }

  /** Runs one full training step. */
  void run() {
    stack.zeroGrad();
    RecurrentStack.Output out = stack.forward(ops, x, null, null, null);
    Tensor y = out.y();
    lastLoss = loss.evaluate(ops, y.reshape(rows, y.dim(2)), target, null, dy);
    stack.backward(ops, dy.reshape(y.shape()), null, null);
    optimizer.step();
  }

  /** @return the loss of the last step (NaN before the first) */
  double lastLoss() {
    return lastLoss;
  }

  private static Tensor normal(SplittableRandom rng, int... shape) {
    Tensor t = Tensor.zeros(DType.FLOAT32, shape);
    float[] data = t.floats();
    for (int i = 0; i < data.length; i += 2) {
      // Box-Muller: two standard normals from two uniforms
      double r = Math.sqrt(-2 * Math.log(1 - rng.nextDouble()));
      double phi = 2 * Math.PI * rng.nextDouble();
      data[i] = (float) (r * Math.cos(phi));
      if (i + 1 < data.length) {
        data[i + 1] = (float) (r * Math.sin(phi));
      }
    }
    return t;
  }
}
