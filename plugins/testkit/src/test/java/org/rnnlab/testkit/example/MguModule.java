package org.rnnlab.testkit.example;

import com.google.inject.AbstractModule;
import org.rnnlab.plugins.core.FrameworkModule;
import org.rnnlab.plugins.core.PluginBinder;

/** Registers the example {@code mgu} cell; listed in test-only META-INF/services. */
public final class MguModule extends AbstractModule implements FrameworkModule {
  @Override
  protected void configure() {
    PluginBinder.cells(binder()).add("mgu", MguCell.FACTORY);
  }
}
