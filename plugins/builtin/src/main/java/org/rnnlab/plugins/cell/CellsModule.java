package org.rnnlab.plugins.cell;

import com.google.inject.AbstractModule;
import org.rnnlab.api.kernel.Activation;
import org.rnnlab.plugins.core.FrameworkModule;
import org.rnnlab.plugins.core.PluginBinder;

/** Registers the built-in cells: {@code rnn_tanh}, {@code rnn_relu}, {@code lstm}, {@code gru}. */
public final class CellsModule extends AbstractModule implements FrameworkModule {
  @Override
  protected void configure() {
    PluginBinder.cells(binder())
        .add("rnn_tanh", ElmanCell.factory(Activation.TANH))
        .add("rnn_relu", ElmanCell.factory(Activation.RELU))
        .add("lstm", LstmCell.FACTORY)
        .add("gru", GruCell.FACTORY);
  }
}
