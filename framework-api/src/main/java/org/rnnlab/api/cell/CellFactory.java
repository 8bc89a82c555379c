package org.rnnlab.api.cell;

import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;

/**
 * Creates cells of one type key (the YAML {@code model.cell.type}, e.g. {@code lstm}).
 *
 * @param <C> the cell's config record
 */
public interface CellFactory<C extends PluginConfig> extends PluginFactory<C> {

  /**
   * @param config options of this cell type
   * @param shape input size, hidden size, dtype
   * @return a new cell with parameters allocated (values set by {@link Cell#resetParameters})
   */
  Cell create(C config, CellShape shape);

  /**
   * Untyped entry point used by the framework after spec parsing.
   *
   * @param config a config of {@link #configType()}
   * @param shape input size, hidden size, dtype
   * @return the new cell
   */
  default Cell createFrom(PluginConfig config, CellShape shape) {
    return create(cast(config), shape);
  }
}
