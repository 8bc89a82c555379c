package org.rnnlab.plugins.loss;

import com.google.inject.AbstractModule;
import org.rnnlab.plugins.core.FrameworkModule;
import org.rnnlab.plugins.core.PluginBinder;

/** Registers the built-in losses: {@code mse}, {@code cross_entropy}, {@code bce_with_logits}. */
public final class LossesModule extends AbstractModule implements FrameworkModule {
  @Override
  protected void configure() {
    PluginBinder.losses(binder())
        .add("mse", MseLoss.FACTORY)
        .add("cross_entropy", CrossEntropyLoss.FACTORY)
        .add("bce_with_logits", BceWithLogitsLoss.FACTORY);
  }
}
