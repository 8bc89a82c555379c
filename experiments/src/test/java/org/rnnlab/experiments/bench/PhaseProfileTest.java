package org.rnnlab.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.cell.GruCell;
import org.rnnlab.plugins.core.layer.LayerPhaseEvent;

class PhaseProfileTest {
  private static final List<String> PHASES = List.of(LayerPhaseEvent.INPUT_PROJECTION,
      LayerPhaseEvent.FORWARD_STEP, LayerPhaseEvent.BACKWARD_STEP,
      LayerPhaseEvent.WEIGHT_GRADIENTS);

  @Test
  void everyPhaseOfATrainingStepIsTimedAndTheRestIsOutside() {
    BenchSpec spec = new BenchSpec("gru", 4, 30, 8, 16, 1, 1, 0, 0, 3, 0);
    TrainingStepBench bench = new TrainingStepBench(spec, GruCell.FACTORY,
        KernelOpsProvider.create(1));
    bench.runOnce();
    PhaseProfile.Result r = PhaseProfile.measure(bench::runOnce, 3);
    assertEquals(PHASES, List.copyOf(r.phases().keySet()));
    r.phases().forEach((name, ms) -> assertTrue(ms > 0, name + " took " + ms + " ms"));
    // the phases run inside the step on the calling thread: together less than the step
    assertTrue(r.outsideMillis() > 0, "outside the layer: " + r.outsideMillis() + " ms of "
        + r.stepMillis());
  }

  @Test
  void stepsWithoutALayerHaveZeroPhases() {
    PhaseProfile.Result r = PhaseProfile.measure(() -> Math.sqrt(2), 2);
    r.phases().values().forEach(ms -> assertEquals(0.0, ms));
    assertEquals(r.stepMillis(), r.outsideMillis(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> PhaseProfile.measure(() -> { }, 0));
  }
}
