package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnlab.api.config.NoConfig;

/** The checkers fail on cells with a wrong backward, so a passing check means something. */
class GradientCheckCatchesBugsTest {

  @ParameterizedTest
  @EnumSource(BrokenCell.Defect.class)
  void cellCheckRejectsBrokenBackward(BrokenCell.Defect defect) {
    GradientCheckResult r = CellGradientCheck.check(BrokenCell.factory(defect), new NoConfig());
    assertFalse(r.passes(), r.summary());
    assertThrows(AssertionError.class, r::assertPasses);
  }

  @ParameterizedTest
  @EnumSource(BrokenCell.Defect.class)
  void stackCheckRejectsBrokenBackwardInEveryCase(BrokenCell.Defect defect) {
    for (StackCase c : StackCase.standard()) {
      if (c.truncation() != null) {
        // the truncated check compares the stack with itself on sub-windows, so a wrong cell is
        // consistently wrong there; the full-BPTT cases are the ones that must catch it
        continue;
      }
      GradientCheckResult r = StackGradientCheck.check(BrokenCell.factory(defect), new NoConfig(),
          c, new SplittableRandom(5));
      assertFalse(r.passes(), r.summary());
    }
  }

  @Test
  void correctCellPassesTheSameChecks() {
    GradientCheckResult r = CellGradientCheck.check(
        org.rnnlab.plugins.cell.ElmanCell.factory(org.rnnlab.api.kernel.Activation.TANH),
        new NoConfig());
    assertTrue(r.passes(), r.summary());
  }
}
