package org.rnnlab.plugins.core;

import com.google.inject.AbstractModule;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.metric.MetricFactory;

/** Found only through META-INF/services in test resources, proving ServiceLoader discovery. */
public final class DiscoveredTestModule extends AbstractModule implements FrameworkModule {
  static final MetricFactory<NoConfig> FACTORY = MetricFactory.of(
      NoConfig.class, new NoConfig(), "test metric discovered through ServiceLoader",
      config -> {
        throw new UnsupportedOperationException("never created in registry tests");
      });

  @Override
  protected void configure() {
    PluginBinder.metrics(binder()).add("discovered_by_service_loader", FACTORY);
  }
}
