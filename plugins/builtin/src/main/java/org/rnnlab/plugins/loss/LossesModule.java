package org.rnnlab.plugins.loss;

import com.google.inject.AbstractModule;
import org.rnnlab.plugins.core.FrameworkModule;
import org.rnnlab.plugins.core.PluginBinder;

/** Registers the built-in losses: {@code mse}, {@code cross_entropy}, {@code bce_with_logits}. */
public final class LossesModule extends AbstractModule implements FrameworkModule {
  @Override
  protected void configure() {
    PluginBinder.losses(binder())
        .add("mse", new MseLoss.Factory())
        .add("cross_entropy", new CrossEntropyLoss.Factory())
        .add("bce_with_logits", new BceWithLogitsLoss.Factory());
  }
}
