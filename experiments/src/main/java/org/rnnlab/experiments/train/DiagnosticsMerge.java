package org.rnnlab.experiments.train;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.rnnlab.reports.diag.Diagnostics;
import org.rnnlab.reports.diag.Diagnostics.ClipSeries;
import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;
import org.rnnlab.reports.diag.Diagnostics.ParameterSeries;
import org.rnnlab.reports.diag.Diagnostics.SaturationSeries;
import org.rnnlab.reports.diag.Diagnostics.ScalarSeries;
import org.rnnlab.reports.diag.Diagnostics.SpectralSeries;

/**
 * Joins the diagnostics of a resumed run: what the earlier session recorded before the resumed
 * checkpoint, then what this session recorded. The earlier file may hold records past the
 * checkpoint (it was flushed at a later checkpoint or at a crash); those steps are trained again
 * after the resume, so they are dropped: an earlier record is kept when its step is below
 * {@code cutoff}, the checkpoint's step, or equal to it for {@code eval/} series (an evaluation at
 * step {@code n} is of the model the checkpoint stored; training records at {@code n} diagnose the
 * update after it). Steps within each series stay increasing.
 */
final class DiagnosticsMerge {
  private DiagnosticsMerge() {}

  /**
   * @param earlier diagnostics read from the file of the earlier session(s)
   * @param cutoff the step of the checkpoint this session resumed from
   * @param current what this session recorded
   * @return the joined diagnostics, with the current cadence
   */
  static Diagnostics merge(Diagnostics earlier, long cutoff, Diagnostics current) {
    SortedMap<String, ScalarSeries> scalars = join(earlier.scalars(), current.scalars(),
        name -> name.startsWith("eval/") ? cutoff + 1 : cutoff, ScalarSeries::steps,
        (a, n, b, m) -> new ScalarSeries(cat(a.steps(), n, b.steps(), m),
            cat(a.values(), n, b.values(), m)));
    SortedMap<String, ParameterSeries> parameters = join(earlier.parameters(), current.parameters(),
        name -> cutoff, ParameterSeries::steps,
        (a, n, b, m) -> new ParameterSeries(cat(a.steps(), n, b.steps(), m),
            cat(a.gradNorm(), n, b.gradNorm(), m), cat(a.gradMaxAbs(), n, b.gradMaxAbs(), m),
            cat(a.updateRatio(), n, b.updateRatio(), m)));
    SortedMap<String, HiddenGradientSeries> hidden = join(earlier.hiddenGradients(),
        current.hiddenGradients(), name -> cutoff, HiddenGradientSeries::steps,
        (a, n, b, m) -> new HiddenGradientSeries(b.reverse(), cat(a.steps(), n, b.steps(), m),
            cat(a.norms(), n, b.norms(), m)));
    SortedMap<String, SortedMap<String, SaturationSeries>> saturation = new TreeMap<>();
    SortedSet<String> layers = new TreeSet<>(earlier.saturation().keySet());
    layers.addAll(current.saturation().keySet());
    for (String layer : layers) {
      SortedMap<String, SaturationSeries> gates = join(
          earlier.saturation().getOrDefault(layer, new TreeMap<>()),
          current.saturation().getOrDefault(layer, new TreeMap<>()), name -> cutoff,
          SaturationSeries::steps,
          (a, n, b, m) -> new SaturationSeries(b.kind(), cat(a.steps(), n, b.steps(), m),
              cat(a.fraction(), n, b.fraction(), m), cat(a.saturated(), n, b.saturated(), m),
              cat(a.total(), n, b.total(), m)));
      if (!gates.isEmpty()) {
        saturation.put(layer, gates);
      }
    }
    SortedMap<String, SpectralSeries> spectra = join(earlier.spectra(), current.spectra(),
        name -> cutoff, SpectralSeries::steps,
        (a, n, b, m) -> new SpectralSeries(b.gateBlocks(), b.columns(),
            cat(a.steps(), n, b.steps(), m), cat(a.sigmaMax(), n, b.sigmaMax(), m),
            cat(a.spectralRadius(), n, b.spectralRadius(), m)));
    ClipSeries e = earlier.clipping();
    ClipSeries c = current.clipping();
    int n = keep(e.steps(), cutoff);
    int m = c.steps().length;
    ClipSeries clipping = new ClipSeries(cat(e.steps(), n, c.steps(), m),
        cat(e.preClipNorm(), n, c.preClipNorm(), m), cat(e.maxNorm(), n, c.maxNorm(), m));
    Diagnostics.NonFiniteEvent first = earlier.firstNonFinite() != null
        && earlier.firstNonFinite().step() < cutoff ? earlier.firstNonFinite() : current.firstNonFinite();
    return new Diagnostics(current.cadenceEvery(), scalars, parameters, hidden, saturation, spectra,
        clipping, first);
  }

  /** Builds a series from the first {@code n} records of {@code a} and the first {@code m} of {@code b}. */
  private interface Take<S> {
    S of(S a, int n, S b, int m);
  }

  private static <S> SortedMap<String, S> join(SortedMap<String, S> earlier,
      SortedMap<String, S> current, ToLongFunction<String> bound, Function<S, long[]> steps,
      Take<S> take) {
    SortedMap<String, S> out = new TreeMap<>(current);
    earlier.forEach((name, a) -> {
      int n = keep(steps.apply(a), bound.applyAsLong(name));
      S b = current.get(name);
      if (n > 0) {
        // a series this session has not reported yet keeps its earlier records alone
        out.put(name, b == null ? take.of(a, n, a, 0) : take.of(a, n, b, steps.apply(b).length));
      }
    });
    return out;
  }

  /** @return the number of leading entries of increasing {@code steps} below {@code bound} */
  private static int keep(long[] steps, long bound) {
    int n = 0;
    while (n < steps.length && steps[n] < bound) {
      n++;
    }
    return n;
  }

  private static long[] cat(long[] a, int n, long[] b, int m) {
    long[] out = Arrays.copyOf(a, n + m);
    System.arraycopy(b, 0, out, n, m);
    return out;
  }

  private static double[] cat(double[] a, int n, double[] b, int m) {
    double[] out = Arrays.copyOf(a, n + m);
    System.arraycopy(b, 0, out, n, m);
    return out;
  }

  private static double[][] cat(double[][] a, int n, double[][] b, int m) {
    double[][] out = Arrays.copyOf(a, n + m);
    System.arraycopy(b, 0, out, n, m);
    return out;
  }
}
