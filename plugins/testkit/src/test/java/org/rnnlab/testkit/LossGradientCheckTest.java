package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnlab.api.config.NoConfig;

/** {@link LossGradientCheck} passes correct losses of both target kinds and fails broken ones. */
class LossGradientCheckTest {

  @Test
  void correctRegressionAndClassIndexLossesPass() {
    GradientCheckResult mse = LossGradientCheck.check(
        TestLosses.squaredError(TestLosses.Defect.NONE), new NoConfig());
    mse.assertPasses();
    assertEquals(2, mse.tensors().size(), "masked and unmasked case");
    LossGradientCheck.check(TestLosses.crossEntropy(), new NoConfig()).assertPasses();
  }

  @ParameterizedTest
  @EnumSource(value = TestLosses.Defect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void brokenLossFails(TestLosses.Defect defect) {
    GradientCheckResult r = LossGradientCheck.check(TestLosses.squaredError(defect), new NoConfig());
    assertFalse(r.passes(), r.summary());
  }
}
