package org.rnnlab.reports.diag;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rnnlab.api.diag.GateKind;

/**
 * An immutable snapshot of one run's diagnostics, as recorded by {@link DiagnosticsRecorder} or
 * read by {@link DiagnosticsStore}. Maps are sorted by name; arrays are owned by the snapshot
 * and must not be modified. Record equality compares arrays by identity.
 *
 * @param cadenceEvery the {@link org.rnnlab.api.diag.DiagnosticsCadence#every()} of the run
 * @param scalars scalar series by name ({@code train/loss}, {@code eval/loss}, {@code lr}, ...)
 * @param parameters per-parameter gradient and update statistics by parameter name
 * @param hiddenGradients {@code ||dL/dh_t||} per layer/direction key ({@code l0_reverse})
 * @param saturation gate saturation by layer key, then gate name
 * @param spectra recurrent-weight spectra by parameter name
 * @param clipping clipping events (possibly empty)
 * @param firstNonFinite the first non-finite value reported, or null
 */
public record Diagnostics(
    long cadenceEvery,
    SortedMap<String, ScalarSeries> scalars,
    SortedMap<String, ParameterSeries> parameters,
    SortedMap<String, HiddenGradientSeries> hiddenGradients,
    SortedMap<String, SortedMap<String, SaturationSeries>> saturation,
    SortedMap<String, SpectralSeries> spectra,
    ClipSeries clipping,
    NonFiniteEvent firstNonFinite) {

  /** Wraps the maps read-only. */
  public Diagnostics {
    scalars = Collections.unmodifiableSortedMap(new TreeMap<>(scalars));
    parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    hiddenGradients = Collections.unmodifiableSortedMap(new TreeMap<>(hiddenGradients));
    TreeMap<String, SortedMap<String, SaturationSeries>> sat = new TreeMap<>();
    for (Map.Entry<String, SortedMap<String, SaturationSeries>> e : saturation.entrySet()) {
      sat.put(e.getKey(), Collections.unmodifiableSortedMap(new TreeMap<>(e.getValue())));
    }
    saturation = Collections.unmodifiableSortedMap(sat);
    spectra = Collections.unmodifiableSortedMap(new TreeMap<>(spectra));
  }

  /**
   * Values of one scalar series over training steps.
   *
   * @param steps training steps, increasing
   * @param values the value at each step
   */
  public record ScalarSeries(long[] steps, double[] values) {}

  /**
   * Per-parameter statistics over training steps (see
   * {@link org.rnnlab.api.diag.DiagnosticsSink#parameter}).
   *
   * @param steps training steps
   * @param gradNorm {@code ||g||_2}
   * @param gradMaxAbs {@code max |g_i|}
   * @param updateRatio {@code ||Δw|| / ||w||}
   */
  public record ParameterSeries(long[] steps, double[] gradNorm, double[] gradMaxAbs,
      double[] updateRatio) {}

  /**
   * {@code ||dL/dh_t||} of one layer and direction, one row per diagnosed training step.
   *
   * @param reverse true for a reverse direction (its last processed step is {@code t = 0})
   * @param steps training steps {@code [S]}
   * @param norms {@code norms[s][t]} for {@code t < norms[s].length} (sequence lengths may
   *     differ between steps)
   */
  public record HiddenGradientSeries(boolean reverse, long[] steps, double[][] norms) {

    /** @return the largest sequence length recorded */
    public int maxLength() {
      int max = 0;
      for (double[] row : norms) {
        max = Math.max(max, row.length);
      }
      return max;
    }

    /**
     * @param s row index
     * @param k distance back from the direction's last processed step, {@code 0 <= k < T}
     * @return {@code ||dL/dh||} at that distance
     */
    public double atDistance(int s, int k) {
      double[] row = norms[s];
      return reverse ? row[k] : row[row.length - 1 - k];
    }
  }

  /**
   * Fraction of saturated outputs of one gate over training steps.
   *
   * @param kind the gate's nonlinearity (defines "saturated")
   * @param steps training steps
   * @param fraction saturated / total at each step
   * @param saturated saturated output count
   * @param total output count
   */
  public record SaturationSeries(GateKind kind, long[] steps, double[] fraction, long[] saturated,
      long[] total) {}

  /**
   * Spectrum of one recurrent weight {@code [G*H, H]} over training steps. Column 0 is the
   * whole matrix; when {@code G > 1} columns {@code 1..G} are the gate blocks {@code [H, H]}.
   *
   * @param gateBlocks {@code G}
   * @param columns column labels ({@code whole}, {@code block0}, ...)
   * @param steps training steps {@code [S]}
   * @param sigmaMax largest singular value {@code [S][columns]}
   * @param spectralRadius largest eigenvalue modulus {@code [S][columns]}; NaN for the whole
   *     matrix when it is not square
   */
  public record SpectralSeries(int gateBlocks, String[] columns, long[] steps,
      double[][] sigmaMax, double[][] spectralRadius) {}

  /**
   * Gradient-clipping events.
   *
   * @param steps steps on which clipping rescaled the gradient
   * @param preClipNorm global norm before clipping
   * @param maxNorm the threshold
   */
  public record ClipSeries(long[] steps, double[] preClipNorm, double[] maxNorm) {

    /** @return an empty series */
    public static ClipSeries empty() {
      return new ClipSeries(new long[0], new double[0], new double[0]);
    }
  }

  /**
   * The first non-finite value of a run.
   *
   * @param step training step
   * @param tensor what held it
   * @param index flat index, or -1 for a scalar
   * @param value the value
   */
  public record NonFiniteEvent(long step, String tensor, int index, double value) {}
}
