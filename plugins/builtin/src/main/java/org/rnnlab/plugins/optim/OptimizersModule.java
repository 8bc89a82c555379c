package org.rnnlab.plugins.optim;

import com.google.inject.AbstractModule;
import org.rnnlab.plugins.core.FrameworkModule;
import org.rnnlab.plugins.core.PluginBinder;

/**
 * Registers the built-in optimizers: {@code sgd}, {@code adam}, {@code adamw}, {@code rmsprop},
 * {@code adagrad}.
 */
public final class OptimizersModule extends AbstractModule implements FrameworkModule {
  @Override
  protected void configure() {
    PluginBinder.optimizers(binder())
        .add("sgd", Sgd.FACTORY)
        .add("adam", Adam.FACTORY)
        .add("adamw", AdamW.FACTORY)
        .add("rmsprop", RmsProp.FACTORY)
        .add("adagrad", Adagrad.FACTORY);
  }
}
