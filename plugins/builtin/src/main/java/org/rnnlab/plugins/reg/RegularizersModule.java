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
        .add("l2", new L2Penalty.Factory())
        .add("l1", new L1Penalty.Factory())
        .add("clip_norm", new ClipNorm.Factory())
        .add("clip_value", new ClipValue.Factory());
  }
}
