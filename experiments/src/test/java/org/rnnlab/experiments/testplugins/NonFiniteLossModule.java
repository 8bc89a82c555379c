package org.rnnlab.experiments.testplugins;

import com.google.inject.AbstractModule;
import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.plugins.core.FrameworkModule;
import org.rnnlab.plugins.core.PluginBinder;
import org.rnnlab.plugins.loss.MseLoss;
import org.rnnlab.plugins.loss.MseLossConfig;

/**
 * A trainable test loss, {@code test_nan_above}: mean squared error, except that a batch with any
 * target above {@code threshold} yields a NaN loss and NaN gradient. It injects non-finite values
 * into real training runs at data-determined steps while staying stateless, as {@link Loss}
 * requires. Registered through META-INF/services like a third-party plugin.
 */
public final class NonFiniteLossModule extends AbstractModule implements FrameworkModule {
  @Override
  protected void configure() {
    PluginBinder.losses(binder()).add("test_nan_above", FACTORY);
  }

  /** @param threshold a target above this makes the batch's loss NaN */
  public record Config(@Doc("A target above this makes the loss NaN.") double threshold) implements PluginConfig {}

  private static final LossFactory<Config> FACTORY = LossFactory.of(
      Config.class, new Config(Double.POSITIVE_INFINITY),
      "Test loss: MSE, NaN for batches with a target above threshold.",
      config -> new NanAbove(config.threshold()));

  private record NanAbove(double threshold) implements Loss {
    private static final Loss MSE = new MseLoss(MseLossConfig.defaults());

    @Override
    public double evaluate(KernelOps ops, Tensor prediction, Tensor target, Tensor mask, Tensor grad) {
      double value = MSE.evaluate(ops, prediction, target, mask, grad);
      for (int i = 0; i < target.size(); i++) {
        if (target.get(i) > threshold) {
          grad.fill(Double.NaN);
          return Double.NaN;
        }
      }
      return value;
    }
  }
}
