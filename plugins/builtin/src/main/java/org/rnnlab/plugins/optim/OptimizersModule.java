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
        .add("sgd", new Sgd.Factory())
        .add("adam", new Adam.Factory())
        .add("adamw", new AdamW.Factory())
        .add("rmsprop", new RmsProp.Factory())
        .add("adagrad", new Adagrad.Factory());
  }
}
