package org.rnnlab.plugins.core.layer;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event around each phase of a recurrent layer's pass: {@link #INPUT_PROJECTION} (the
 * start of a forward pass; for the sequence path the input projection of all steps), one
 * {@link #FORWARD_STEP} and one {@link #BACKWARD_STEP} per time step, {@link #WEIGHT_GRADIENTS}
 * (the end of a backward window). Nothing is recorded unless a JFR recording enables
 * {@link #NAME} (JFR's own cost is then ~0.1 us per event); {@code rnnlab bench --phases} does,
 * and prints milliseconds per phase and training step. Timers rather than sampling: execution
 * samples overstate short kernels on this project's machines (kernels-simd/BENCHMARKS-KERNELS.md).
 */
@Name(LayerPhaseEvent.NAME)
@Label("Recurrent layer phase")
@Category({"rnnlab", "Layer"})
@Description("A phase of a recurrent layer's forward or backward pass")
@StackTrace(false)
public final class LayerPhaseEvent extends Event {
  /** The event's JFR name. */
  public static final String NAME = "org.rnnlab.LayerPhase";
  /** Phase name: the start of a forward pass (the sequence path's input projection). */
  public static final String INPUT_PROJECTION = "input projection";
  /** Phase name: one forward time step. */
  public static final String FORWARD_STEP = "forward steps";
  /** Phase name: one backward time step. */
  public static final String BACKWARD_STEP = "backward steps";
  /** Phase name: the end of a backward window (weight and input gradients of its steps). */
  public static final String WEIGHT_GRADIENTS = "weight gradients";

  /** Which phase; one of the constants. */
  @Label("Phase")
  String phase;

  /** Asked whether a recording enables the event; never begun or committed. */
  private static final LayerPhaseEvent SWITCH = new LayerPhaseEvent();

  LayerPhaseEvent() {}

  /**
   * @return an event whose clock started now, or null while no recording enables the event:
   *     the time loop then allocates nothing, also before the JIT's escape analysis would have
   *     removed the event (interpreted and C1 code allocated 32 bytes per step)
   */
  static LayerPhaseEvent started() {
    if (!SWITCH.isEnabled()) {
      return null;
    }
    LayerPhaseEvent e = new LayerPhaseEvent();
    e.begin();
    return e;
  }

  /** Ends {@code event} (null: not started) as phase {@code name}, if its recording wants it. */
  static void end(LayerPhaseEvent event, String name) {
    if (event != null && event.shouldCommit()) {
      event.phase = name;
      event.commit();
    }
  }
}
