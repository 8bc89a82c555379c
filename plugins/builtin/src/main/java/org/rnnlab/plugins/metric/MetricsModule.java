package org.rnnlab.plugins.metric;

import com.google.inject.AbstractModule;
import org.rnnlab.plugins.core.FrameworkModule;
import org.rnnlab.plugins.core.PluginBinder;

/** Registers the built-in metrics: {@code accuracy}, {@code mse}, {@code mae}. */
public final class MetricsModule extends AbstractModule implements FrameworkModule {
  @Override
  protected void configure() {
    PluginBinder.metrics(binder())
        .add("accuracy", Accuracy.FACTORY)
        .add("mse", ElementwiseError.MSE_FACTORY)
        .add("mae", ElementwiseError.MAE_FACTORY);
  }
}
