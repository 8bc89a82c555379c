package org.rnnlab.api.cell;

import java.util.function.BiFunction;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.config.PluginFactory;
import org.rnnlab.api.config.PluginFactory.Described;
import org.rnnlab.api.config.PluginFactory.Descriptor;

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

  /**
   * A factory from its three descriptive values and a creator function, for cells whose factory
   * has no state of its own, e.g.
   * {@code CellFactory.of(MyConfig.class, MyConfig.defaults(), "One line.", MyCell::new)}.
   *
   * @param configType the config record class
   * @param defaults the config used when a spec gives no keys
   * @param description one line shown by {@code rnnlab spec --explain}
   * @param creator makes a cell from its config and shape; must be thread-safe
   * @param <C> the config record type
   * @return a stateless, thread-safe factory
   */
  static <C extends PluginConfig> CellFactory<C> of(
      Class<C> configType, C defaults, String description, BiFunction<C, CellShape, Cell> creator) {
    // Local, so that the API shows only the family interface.
    record Simple<C extends PluginConfig>(
        Descriptor<C> descriptor, BiFunction<C, CellShape, Cell> creator)
        implements CellFactory<C>, Described<C> {
      @Override
      public Cell create(C config, CellShape shape) {
        return creator.apply(config, shape);
      }
    }

    return new Simple<>(new Descriptor<>(configType, defaults, description), creator);
  }
}
