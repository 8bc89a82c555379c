package org.rnnlab.reports.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

class SpectralStatsTest {

  @Test
  void diagonalMatrixHasLargestEntryAsBothStatistics() {
    SpectralStats s = SpectralStats.of(new double[][] {{0.3, 0, 0}, {0, -2.5, 0}, {0, 0, 1}});
    assertEquals(2.5, s.sigmaMax(), 1e-12);
    assertEquals(2.5, s.spectralRadius(), 1e-12);
  }

  @Test
  void scaledRotationHasComplexEigenvaluesWhoseModulusIsTheRadius() {
    // eigenvalues 0.9 * (cos θ ± i sin θ): real parts 0.9 cos θ would understate the radius
    double theta = 1.2;
    double r = 0.9;
    double[][] m = {{r * Math.cos(theta), -r * Math.sin(theta)}, {r * Math.sin(theta), r * Math.cos(theta)}};
    SpectralStats s = SpectralStats.of(m);
    assertEquals(0.9, s.spectralRadius(), 1e-12);
    assertEquals(0.9, s.sigmaMax(), 1e-12);
  }

  @Test
  void nonNormalMatrixSeparatesSingularValueFromSpectralRadius() {
    // a Jordan-like block: both eigenvalues 0.5, yet one step can amplify by about 10
    SpectralStats s = SpectralStats.of(new double[][] {{0.5, 10}, {0, 0.5}});
    double trace = 0.25 + 100 + 0.25;
    double det = 0.25 * 0.25;
    double expectedSigma = Math.sqrt((trace + Math.sqrt(trace * trace - 4 * det)) / 2);
    assertEquals(expectedSigma, s.sigmaMax(), 1e-9);
    assertEquals(0.5, s.spectralRadius(), 1e-6);
  }

  @Test
  void companionMatrixRadiusIsLargestRootModulus() {
    // x^3 - 0.5x^2 + 0.25x - 0.125 = (x - 0.5)(x^2 + 0.25): roots 0.5, ±0.5i
    double[][] m = {{0.5, -0.25, 0.125}, {1, 0, 0}, {0, 1, 0}};
    assertEquals(0.5, SpectralStats.of(m).spectralRadius(), 1e-9);
  }

  @Test
  void gateBlocksAreAnalysedSeparatelyAndAsAWhole() {
    // two stacked 2x2 blocks: diag(3, 1) and a rotation scaled by 0.5
    double[] w = {3, 0, 0, 1, 0, -0.5, 0.5, 0};
    SpectralStats[] s = SpectralStats.ofGateBlocks(Tensor.of(DType.FLOAT64, w, 4, 2), 2);
    assertEquals(3, s.length);
    // whole: W^T W = diag(9 + 0.25, 1 + 0.25)
    assertEquals(Math.sqrt(9.25), s[0].sigmaMax(), 1e-12);
    assertTrue(Double.isNaN(s[0].spectralRadius()), "a [2H, H] matrix has no eigenvalues");
    assertEquals(3, s[1].spectralRadius(), 1e-12);
    assertEquals(0.5, s[2].spectralRadius(), 1e-12);
    assertEquals(0.5, s[2].sigmaMax(), 1e-12);
  }

  @Test
  void rejectsAWeightWhoseRowsAreNotGateBlocksTimesColumns() {
    Tensor w = Tensor.zeros(DType.FLOAT32, 10, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpectralStats.ofGateBlocks(w, 4));
    assertEquals("recurrent weight: expected shape [4*H, H] but got [10, 3]", e.getMessage());
  }
}
