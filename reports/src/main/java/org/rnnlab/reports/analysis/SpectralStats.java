package org.rnnlab.reports.analysis;

import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.rnnlab.api.tensor.Tensor;

/**
 * Largest singular value {@code σ_max = ||W||_2} and spectral radius {@code ρ = max |λ_i|} of a
 * matrix. For a linear recurrence {@code h_t = W h_{t-1}} the gradient through {@code k} steps is
 * bounded by {@code σ_max^k} and behaves like {@code ρ^k} for large {@code k}: {@code ρ < 1} means
 * it eventually vanishes, {@code ρ > 1} that it can explode (Pascanu et al. 2013).
 *
 * <p>{@code σ_max} is the square root of the largest eigenvalue of the Gram matrix
 * {@code WᵀW} (symmetric, so commons-math3 uses its fast tridiagonal solver: measured 10-50x
 * faster than its SVD of {@code W} for {@code H = 64..256}, same value). {@code ρ} comes from the
 * general eigen decomposition,
 * which for a non-symmetric matrix goes through the real Schur form and yields complex conjugate
 * pairs {@code a ± bi}; the modulus {@code sqrt(a² + b²)} is used, never the real part alone.
 *
 * @param sigmaMax largest singular value
 * @param spectralRadius largest eigenvalue modulus; NaN when the matrix is not square or the
 *     eigen solver did not converge
 */
public record SpectralStats(double sigmaMax, double spectralRadius) {

  /**
   * @param m a dense matrix, rows of equal length
   * @return its statistics
   */
  public static SpectralStats of(double[][] m) {
    RealMatrix matrix = new Array2DRowRealMatrix(m, false);
    double rho = matrix.isSquare() ? spectralRadius(matrix) : Double.NaN;
    return new SpectralStats(largestSingularValue(m), rho);
  }

  private static double largestSingularValue(double[][] m) {
    // WᵀW or WWᵀ, whichever is smaller: both have the eigenvalues σ_i²
    double[][] g = m.length >= m[0].length ? gram(m) : gram(transpose(m));
    try {
      double max = 0;
      for (double e : new EigenDecomposition(new Array2DRowRealMatrix(g, false))
          .getRealEigenvalues()) {
        max = Math.max(max, e);
      }
      return Math.sqrt(max);
    } catch (MathIllegalStateException e) {
      return Double.NaN;
    }
  }

  /** Returns {@code mᵀm}, filled from one triangle so it is exactly symmetric. */
  private static double[][] gram(double[][] m) {
    int n = m[0].length;
    double[][] g = new double[n][n];
    for (double[] row : m) {
      for (int i = 0; i < n; i++) {
        double ri = row[i];
        double[] gi = g[i];
        for (int j = i; j < n; j++) {
          gi[j] += ri * row[j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        g[i][j] = g[j][i];
      }
    }
    return g;
  }

  private static double[][] transpose(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }

  private static double spectralRadius(RealMatrix matrix) {
    try {
      EigenDecomposition eig = new EigenDecomposition(matrix);
      double[] re = eig.getRealEigenvalues();
      double[] im = eig.getImagEigenvalues();
      double max = 0;
      for (int i = 0; i < re.length; i++) {
        max = Math.max(max, Math.hypot(re[i], im[i]));
      }
      return max;
    } catch (MathIllegalStateException e) {
      // the QR iteration of the Schur transform can fail to converge; report "unknown"
      return Double.NaN;
    }
  }

  /**
   * Statistics of a stacked recurrent weight {@code [G*H, H]}: element 0 for the whole matrix,
   * then, when {@code G > 1}, one per square gate block {@code [H, H]} in storage order.
   *
   * @param weight the matrix, rank 2 with {@code dim(0) == gateBlocks * dim(1)}
   * @param gateBlocks {@code G}
   * @return {@code G == 1 ? [whole] : [whole, block0, ..., block(G-1)]}
   */
  public static SpectralStats[] ofGateBlocks(Tensor weight, int gateBlocks) {
    if (gateBlocks < 1 || weight.rank() != 2 || weight.dim(0) != gateBlocks * weight.dim(1)) {
      throw new IllegalArgumentException("recurrent weight: expected shape [" + gateBlocks
          + "*H, H] but got " + Arrays.toString(weight.shape()));
    }
    int h = weight.dim(1);
    double[][] whole = new double[gateBlocks * h][h];
    for (int r = 0; r < whole.length; r++) {
      for (int c = 0; c < h; c++) {
        whole[r][c] = weight.get(r * h + c);
      }
    }
    if (gateBlocks == 1) {
      return new SpectralStats[] {of(whole)};
    }
    SpectralStats[] out = new SpectralStats[gateBlocks + 1];
    out[0] = of(whole);
    for (int g = 0; g < gateBlocks; g++) {
      out[g + 1] = of(Arrays.copyOfRange(whole, g * h, (g + 1) * h));
    }
    return out;
  }

  /**
   * @param gateBlocks {@code G}
   * @return the column labels matching {@link #ofGateBlocks}
   */
  public static String[] columnLabels(int gateBlocks) {
    if (gateBlocks == 1) {
      return new String[] {"whole"};
    }
    String[] labels = new String[gateBlocks + 1];
    labels[0] = "whole";
    for (int g = 0; g < gateBlocks; g++) {
      labels[g + 1] = "block" + g;
    }
    return labels;
  }
}
