package org.rnnlab.testkit;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.plugins.cell.GruCell;
import org.rnnlab.plugins.cell.GruConfig;
import org.rnnlab.plugins.cell.LstmCell;
import org.rnnlab.plugins.cell.LstmConfig;

/**
 * Non-default options of the built-in cells, which the registry-driven test (defaults only) does
 * not reach, match finite differences too.
 */
class BuiltinCellVariantsGradientTest {

  @Test
  void cho2014GruMatchesFiniteDifferencesStepAndStack() {
    GruConfig cho = new GruConfig(GruConfig.CHO2014);
    CellGradientCheck.check(GruCell.FACTORY, cho).assertPasses();
    for (StackCase c : StackCase.standard()) {
      StackGradientCheck.check(GruCell.FACTORY, cho, c, new SplittableRandom(9)).assertPasses();
    }
  }

  @Test
  void lstmWithForgetBiasOneMatchesFiniteDifferences() {
    CellGradientCheck.check(LstmCell.FACTORY, new LstmConfig(1.0)).assertPasses();
  }
}
