package org.rnnlab.api.diag;

import java.util.List;
import org.rnnlab.api.cell.Cell;

/**
 * Optional interface a {@link Cell} implements to expose its gate outputs for the saturation
 * diagnostic. A cell that does not implement it simply reports no gate saturation.
 *
 * <p>Contract: {@link #gates()} lists the gates in the order the cell stores them (PyTorch's
 * gate order: LSTM {@code i, f, g, o}; GRU {@code r, z, n}; tanh RNN a single {@code h} gate).
 * After a {@link Cell#forward} call, {@link #countSaturation} adds the post-activation gate values
 * that forward left in its cache to the counter, one count per batch row and hidden unit; it must
 * not modify the cache. The shared recurrent layer calls it only on steps the
 * {@link DiagnosticsCadence} wants, so its cost is off the hot path. Most cells keep the gate
 * outputs as {@code [B, G*H]} and can delegate to {@link SaturationCounter#countRows}.
 *
 * <p><b>Thread-safety:</b> the same as the cell's (one thread at a time).
 */
public interface GateProbe {

  /** @return the gates in the cell's storage order; the same list on every call */
  List<GateSpec> gates();

  /**
   * Adds one time step's gate outputs to {@code counter}.
   *
   * @param cache the cache a forward step of this cell filled
   * @param counter a counter built from {@link #gates()}
   */
  void countSaturation(Cell.Cache cache, SaturationCounter counter);
}
