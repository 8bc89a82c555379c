package org.rnnlab.reports.analysis;

import java.util.Locale;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;

/**
 * Whether the gradient survives the trip back through time in one layer and direction, with the
 * numbers behind the call.
 *
 * <h2>Method</h2>
 * The {@code ||dL/dh_t||} rows of the last {@link #WINDOW} recorded training steps are aligned by
 * distance {@code k} back from the direction's last processed step ({@code t = T-1} forward,
 * {@code t = 0} reverse) and averaged per {@code k} (arithmetic mean over the rows that reach
 * {@code k}). On the averaged profile {@code n_k}, a least-squares line (commons-math3
 * {@link SimpleRegression}) is fitted to {@code log10(n_k / n_0)} against {@code k}: its slope is
 * the decay rate in decades per step, {@code 10^slope} the factor per step, and
 * {@code slope * (K-1)} the fitted change across the whole span of {@code K} steps. The raw
 * {@code ratio = n_(K-1) / n_0} compares the earliest step with the last.
 *
 * <h2>Thresholds (applied in this order)</h2>
 * <ol>
 *   <li>{@link Verdict#UNKNOWN}: fewer than {@link #MIN_SPAN} time steps, or no gradient at the
 *       last step ({@code n_0 <= 0}): nothing to fit.
 *   <li>{@link Verdict#EXPLODING}: any non-finite norm in the window, any norm above
 *       {@link #HUGE_NORM}, or growth back through time by {@link #EXPLODING_DECADES} decade or
 *       more (raw ratio or fitted change {@code >= 10x}). A gradient that is ten times larger at
 *       the start than at the end lets distant steps dominate the update, and it compounds as
 *       training moves the weights; this is where clipping becomes necessary (Pascanu et al.
 *       2013).
 *   <li>{@link Verdict#VANISHING}: the raw ratio or the fitted change is at or below
 *       {@link #VANISHING_DECADES} decades ({@code <= 1e-3}): the earliest steps receive less
 *       than a thousandth of the last step's gradient, the same cut as {@link MemoryHorizon}.
 *       Both measures are used because the fitted line is robust to noise at single steps and
 *       the ratio catches a collapse the line averages away.
 *   <li>{@link Verdict#HEALTHY} otherwise.
 * </ol>
 * Asymmetric on purpose: shrinking by up to a thousand across a sequence is normal and leaves
 * long-range credit assignment possible; growing by ten is already a warning.
 *
 * @param layer layer and direction key
 * @param verdict the call
 * @param reason one sentence on why
 * @param slope fitted slope of {@code log10 ||dL/dh||} per step back (negative = decay)
 * @param decayPerStep {@code 10^slope}, the fitted factor per step back
 * @param fittedChangeDecades {@code slope * (K - 1)}
 * @param ratioFirstLast {@code n_(K-1) / n_0}: earliest step over last step
 * @param rSquared coefficient of determination of the fit (how exponential the profile is)
 * @param span {@code K}, the number of time steps analysed
 * @param stepsAveraged training steps averaged
 * @param horizon {@link MemoryHorizon} of the averaged profile
 */
public record GradientFlowVerdict(String layer, Verdict verdict, String reason, double slope,
    double decayPerStep, double fittedChangeDecades, double ratioFirstLast, double rSquared,
    int span, int stepsAveraged, int horizon) {

  /** Number of most recent recorded training steps averaged. */
  public static final int WINDOW = 10;
  /** Minimum sequence length for a verdict. */
  public static final int MIN_SPAN = 3;
  /** Decades of decay (earliest vs last step) at or below which the gradient vanishes. */
  public static final double VANISHING_DECADES = -3;
  /** Decades of growth (earliest vs last step) at or above which the gradient explodes. */
  public static final double EXPLODING_DECADES = 1;
  /** Absolute norm above which the gradient is exploding whatever its profile. */
  public static final double HUGE_NORM = 1e8;

  /** The call. */
  public enum Verdict {
    /** The earliest steps get (almost) no gradient. */
    VANISHING,
    /** The gradient grows back through time or is non-finite. */
    EXPLODING,
    /** The gradient reaches the start of the sequence within three decades. */
    HEALTHY,
    /** Too little data to say. */
    UNKNOWN
  }

  /**
   * Assesses one layer/direction from its recorded series.
   *
   * @param layer layer and direction key
   * @param series its {@code ||dL/dh_t||} rows
   * @return the verdict
   */
  public static GradientFlowVerdict assess(String layer, HiddenGradientSeries series) {
    int rows = series.steps().length;
    int first = Math.max(0, rows - WINDOW);
    int span = 0;
    for (int s = first; s < rows; s++) {
      span = Math.max(span, series.norms()[s].length);
    }
    double[] mean = new double[span];
    int[] count = new int[span];
    boolean nonFinite = false;
    double max = 0;
    for (int s = first; s < rows; s++) {
      for (int k = 0; k < series.norms()[s].length; k++) {
        double v = series.atDistance(s, k);
        nonFinite |= !Double.isFinite(v);
        max = Math.max(max, v);
        mean[k] += v;
        count[k]++;
      }
    }
    for (int k = 0; k < span; k++) {
      mean[k] /= count[k];
    }
    return assessProfile(layer, mean, span, rows - first, nonFinite, max);
  }

  /**
   * Assesses an already averaged profile (exposed for tests and for callers with their own
   * averaging).
   *
   * @param layer layer and direction key
   * @param byDistance mean {@code ||dL/dh||} by distance {@code k} back from the last step
   * @param span number of valid entries
   * @param stepsAveraged how many training steps went into the mean
   * @return the verdict
   */
  public static GradientFlowVerdict assessProfile(String layer, double[] byDistance, int span,
      int stepsAveraged) {
    boolean nonFinite = false;
    double max = 0;
    for (int k = 0; k < span; k++) {
      nonFinite |= !Double.isFinite(byDistance[k]);
      max = Math.max(max, byDistance[k]);
    }
    return assessProfile(layer, byDistance, span, stepsAveraged, nonFinite, max);
  }

  private static GradientFlowVerdict assessProfile(String layer, double[] n, int span,
      int stepsAveraged, boolean nonFinite, double max) {
    if (nonFinite) {
      return new GradientFlowVerdict(layer, Verdict.EXPLODING,
          "non-finite ||dL/dh_t|| in the last " + stepsAveraged + " recorded steps", Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, span, stepsAveraged, 0);
    }
    if (span < MIN_SPAN || !(n[0] > 0)) {
      String why = span < MIN_SPAN ? "sequence of " + span + " steps is too short to fit"
          : "no gradient at the last step";
      return new GradientFlowVerdict(layer, Verdict.UNKNOWN, why, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, span, stepsAveraged, 0);
    }
    SimpleRegression fit = new SimpleRegression();
    for (int k = 0; k < span; k++) {
      // an exact zero (underflow) is as vanished as it gets; keep it finite for the fit
      fit.addData(k, Math.log10(Math.max(n[k], Double.MIN_NORMAL) / n[0]));
    }
    double slope = fit.getSlope();
    double fitted = slope * (span - 1);
    double ratio = n[span - 1] / n[0];
    double logRatio = Math.log10(Math.max(ratio, Double.MIN_NORMAL));
    // a perfectly flat profile has no variance to explain; it is a perfect (constant) fit
    double r2 = Double.isNaN(fit.getRSquare()) ? 1.0 : fit.getRSquare();
    int horizon = MemoryHorizon.of(n, span);
    Verdict verdict;
    String reason;
    if (max > HUGE_NORM) {
      verdict = Verdict.EXPLODING;
      reason = String.format(Locale.ROOT, "||dL/dh_t|| reaches %.3g (> %.0e)", max, HUGE_NORM);
    } else if (Math.max(logRatio, fitted) >= EXPLODING_DECADES) {
      verdict = Verdict.EXPLODING;
      reason = String.format(Locale.ROOT, "gradient grows %.3g decades back through %d steps",
          Math.max(logRatio, fitted), span - 1);
    } else if (Math.min(logRatio, fitted) <= VANISHING_DECADES) {
      verdict = Verdict.VANISHING;
      reason = String.format(Locale.ROOT, "gradient shrinks %.3g decades back through %d steps; "
          + "horizon %d steps", -Math.min(logRatio, fitted), span - 1, horizon);
    } else {
      verdict = Verdict.HEALTHY;
      reason = String.format(Locale.ROOT, "earliest step keeps %.3g of the last step's gradient", ratio);
    }
    return new GradientFlowVerdict(layer, verdict, reason, slope, Math.pow(10, slope), fitted,
        ratio, r2, span, stepsAveraged, horizon);
  }
}
