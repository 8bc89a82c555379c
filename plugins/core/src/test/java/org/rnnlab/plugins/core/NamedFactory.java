package org.rnnlab.plugins.core;

import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.NoConfig;

/** A cell factory that only carries a name: registry tests never create cells. */
record NamedFactory(String label) implements CellFactory<NoConfig> {
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
    return "registry test factory " + label;
  }

  @Override
  public Cell create(NoConfig config, CellShape shape) {
    throw new UnsupportedOperationException("registry tests do not build cells");
  }
}
