package org.rnnlab.plugins.core.layer;

import org.rnnlab.api.cell.SequenceCell;
import org.rnnlab.api.diag.GateProbe;
import org.rnnlab.api.diag.SaturationCounter;

/**
 * The gate-saturation probe of a {@link SequenceCell}'s fast path: the fast path keeps its gate
 * activations in a {@link SequenceCell.SequenceCache} rather than in per-step
 * {@link org.rnnlab.api.cell.Cell.Cache}s, so {@link GateProbe#countSaturation} cannot reach them.
 * A cell offering both paths implements this interface so that {@link RecurrentStack} can report
 * saturation whichever path it runs.
 *
 * <p>Contract as {@link GateProbe}: after the forward pass over a sequence, adds the
 * post-activation gate values of step {@code s} (step order, as in {@link SequenceCell}) to the
 * counter, one count per batch row and hidden unit, without modifying the cache.
 *
 * <p><b>Thread-safety:</b> the same as the cell's.
 */
public interface SequenceGateProbe extends GateProbe {

  /**
   * Adds the gate outputs of one step of a sequence to {@code counter}.
   *
   * @param cache the cache the sequence's forward pass filled
   * @param step step index {@code s} in {@code [0, T)}
   * @param counter a counter built from {@link #gates()}
   */
  void countSaturation(SequenceCell.SequenceCache cache, int step, SaturationCounter counter);
}
