package org.rnnlab.plugins.reg;

import com.google.inject.AbstractModule;
import org.rnnlab.plugins.core.FrameworkModule;
import org.rnnlab.plugins.core.PluginBinder;

/**
 * Registers the built-in regularizers: penalties {@code l2}, {@code l1} and gradient clipping
 * {@code clip_norm}, {@code clip_value}.
 */
public final class RegularizersModule extends AbstractModule implements FrameworkModule {
  @Override
  protected void configure() {
    PluginBinder.regularizers(binder())
        .add("l2", L2Penalty.FACTORY)
        .add("l1", L1Penalty.FACTORY)
        .add("clip_norm", ClipNorm.FACTORY)
        .add("clip_value", ClipValue.FACTORY);
  }
}
