package org.rnnlab.plugins.core;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.regex.Pattern;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.metric.MetricFactory;
import org.rnnlab.api.optim.OptimizerFactory;
import org.rnnlab.api.reg.RegularizerFactory;

/**
 * Registers plugins under their YAML type keys (Druid's {@code Binders} helpers).
 * <b>Type keys must be unique within a family</b>: a second registration of a key fails injector
 * creation, reported by {@link Plugins#createInjector}.
 *
 * @param <F> the family's factory type
 */
public final class PluginBinder<F extends PluginFactory<?>> {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

  private final MapBinder<String, F> map;

  private PluginBinder(Binder binder, PluginFamily<F> family) {
    this.map = MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), family.factoryType());
  }

  /**
   * @param binder the module's binder
   * @param family the plugin family
   * @param <F> the family's factory type
   * @return a binder for that family
   */
  public static <F extends PluginFactory<?>> PluginBinder<F> of(Binder binder, PluginFamily<F> family) {
    return new PluginBinder<>(binder, family);
  }

  /** @param binder the module's binder @return a binder for cells */
  public static PluginBinder<CellFactory<?>> cells(Binder binder) {
    return of(binder, PluginFamily.CELL);
  }

  /** @param binder the module's binder @return a binder for losses */
  public static PluginBinder<LossFactory<?>> losses(Binder binder) {
    return of(binder, PluginFamily.LOSS);
  }

  /** @param binder the module's binder @return a binder for optimizers */
  public static PluginBinder<OptimizerFactory<?>> optimizers(Binder binder) {
    return of(binder, PluginFamily.OPTIMIZER);
  }

  /** @param binder the module's binder @return a binder for regularizers */
  public static PluginBinder<RegularizerFactory<?>> regularizers(Binder binder) {
    return of(binder, PluginFamily.REGULARIZER);
  }

  /** @param binder the module's binder @return a binder for metrics */
  public static PluginBinder<MetricFactory<?>> metrics(Binder binder) {
    return of(binder, PluginFamily.METRIC);
  }

  /**
   * Registers a factory under a type key.
   *
   * @param key lower_snake_case YAML name, e.g. {@code lstm}
   * @param factory the factory instance (stateless)
   * @return this binder
   */
  public PluginBinder<F> add(String key, F factory) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "Plugin type key '" + key + "' must be lower_snake_case ([a-z][a-z0-9_]*).");
    }
    map.addBinding(key).toInstance(factory);
    return this;
  }
}
