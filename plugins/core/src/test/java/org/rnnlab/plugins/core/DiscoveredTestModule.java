package org.rnnlab.plugins.core;

import com.google.inject.AbstractModule;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.metric.Metric;
import org.rnnlab.api.metric.MetricFactory;

/** Found only through META-INF/services in test resources, proving ServiceLoader discovery. */
public final class DiscoveredTestModule extends AbstractModule implements FrameworkModule {
  static final MetricFactory<NoConfig> FACTORY = new MetricFactory<>() {
    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public NoConfig defaults() {
      return new NoConfig();
    }

    @Override
    public String description() {
      return "test metric discovered through ServiceLoader";
    }

    @Override
    public Metric create(NoConfig config) {
      throw new UnsupportedOperationException("never created in registry tests");
    }
  };

  @Override
  protected void configure() {
    PluginBinder.metrics(binder()).add("discovered_by_service_loader", FACTORY);
  }
}
