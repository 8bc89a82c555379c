package org.rnnlab.plugins.core;

import com.google.inject.TypeLiteral;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.metric.MetricFactory;
import org.rnnlab.api.optim.OptimizerFactory;
import org.rnnlab.api.reg.RegularizerFactory;

/**
 * The plugin families, each a Guice map from YAML type key to factory.
 *
 * @param <F> the factory type of the family
 */
public final class PluginFamily<F extends PluginFactory<?>> {
  /** Recurrent cells ({@code model.cell.type}). */
  public static final PluginFamily<CellFactory<?>> CELL =
      new PluginFamily<>("cell", new TypeLiteral<CellFactory<?>>() {});
  /** Losses ({@code loss.type}). */
  public static final PluginFamily<LossFactory<?>> LOSS =
      new PluginFamily<>("loss", new TypeLiteral<LossFactory<?>>() {});
  /** Optimizers ({@code optimizer.type}). */
  public static final PluginFamily<OptimizerFactory<?>> OPTIMIZER =
      new PluginFamily<>("optimizer", new TypeLiteral<OptimizerFactory<?>>() {});
  /** Regularizers and gradient clipping ({@code regularizers[].type}). */
  public static final PluginFamily<RegularizerFactory<?>> REGULARIZER =
      new PluginFamily<>("regularizer", new TypeLiteral<RegularizerFactory<?>>() {});
  /** Metrics ({@code training.metrics[]}). */
  public static final PluginFamily<MetricFactory<?>> METRIC =
      new PluginFamily<>("metric", new TypeLiteral<MetricFactory<?>>() {});

  private final String name;
  private final TypeLiteral<F> factoryType;

  private PluginFamily(String name, TypeLiteral<F> factoryType) {
    this.name = name;
    this.factoryType = factoryType;
  }

  /** @return the family's name as used in messages ({@code "cell"}) */
  public String name() {
    return name;
  }

  /** @return the factory type bound in the family's map */
  public TypeLiteral<F> factoryType() {
    return factoryType;
  }

  @Override
  public String toString() {
    return name;
  }
}
