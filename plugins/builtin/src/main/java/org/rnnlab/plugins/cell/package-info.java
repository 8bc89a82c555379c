/**
 * Built-in recurrent cells with PyTorch's parameter names, layouts and initialisation:
 * {@code rnn_tanh}, {@code rnn_relu} ({@link org.rnnlab.plugins.cell.ElmanCell}), {@code lstm}
 * ({@link org.rnnlab.plugins.cell.LstmCell}) and {@code gru} ({@link
 * org.rnnlab.plugins.cell.GruCell}, {@link org.rnnlab.plugins.cell.Cho2014GruCell}), registered
 * by {@link org.rnnlab.plugins.cell.CellsModule}.
 */
package org.rnnlab.plugins.cell;
