package org.rnnlab.reports.diag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rnnlab.api.diag.DiagnosticsCadence;
import org.rnnlab.api.diag.DiagnosticsSink;
import org.rnnlab.api.diag.GateKind;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.reports.analysis.SpectralStats;
import org.rnnlab.reports.diag.Diagnostics.ClipSeries;
import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;
import org.rnnlab.reports.diag.Diagnostics.NonFiniteEvent;
import org.rnnlab.reports.diag.Diagnostics.ParameterSeries;
import org.rnnlab.reports.diag.Diagnostics.SaturationSeries;
import org.rnnlab.reports.diag.Diagnostics.ScalarSeries;
import org.rnnlab.reports.diag.Diagnostics.SpectralSeries;

/**
 * A {@link DiagnosticsSink} that keeps everything in memory in growable primitive arrays (no
 * per-value boxing) and, when given a file, rewrites {@code diagnostics.h5} on every
 * {@link #flush()} through {@link DiagnosticsStore}.
 *
 * <p>Cost per call: one uncontended lock, one hash lookup and an amortised array store; the
 * {@link #hiddenGradientNorms} row is copied once; {@link #recurrentWeight} runs two eigen
 * decompositions per block ({@code O(H^3)}, outside the lock), which is why callers only make it
 * on steps {@link #wantsSpectrum} accepts.
 *
 * <p><b>Thread-safe:</b> all calls synchronise on the recorder; {@link #snapshot()} copies under
 * the lock and {@link #flush()} writes outside it.
 */
public final class DiagnosticsRecorder implements DiagnosticsSink {
  private final DiagnosticsCadence cadence;
  private final Path file;
  private final int capacity;
  private final Map<String, ScalarBuilder> scalars = new HashMap<>();
  private final Map<String, ParameterBuilder> parameters = new HashMap<>();
  private final Map<String, HiddenBuilder> hidden = new HashMap<>();
  private final Map<String, SaturationBuilder> saturation = new HashMap<>();
  private final Map<String, SpectralBuilder> spectra = new HashMap<>();
  private final ClipBuilder clipping;
  private NonFiniteEvent firstNonFinite;

  /**
   * A recorder that keeps data in memory only ({@link #flush()} does nothing).
   *
   * @param cadence which steps the probes run on
   */
  public DiagnosticsRecorder(DiagnosticsCadence cadence) {
    this(cadence, null, 256);
  }

  /**
   * @param cadence which steps the probes run on
   * @param file where {@link #flush()} writes {@code diagnostics.h5}, or null for none
   * @param expectedRecords initial capacity of each series (e.g. the number of steps divided by
   *     the cadence), so a run of known length never regrows its arrays
   */
  public DiagnosticsRecorder(DiagnosticsCadence cadence, Path file, int expectedRecords) {
    this.cadence = cadence;
    this.file = file;
    this.capacity = Math.max(4, expectedRecords);
    this.clipping = new ClipBuilder(capacity);
  }

  @Override
  public boolean wants(long step) {
    return cadence.wants(step);
  }

  @Override
  public boolean wantsSpectrum(long step) {
    return cadence.wantsSpectrum(step);
  }

  @Override
  public synchronized void scalar(long step, String name, double value) {
    ScalarBuilder b = scalars.get(requireName(name));
    if (b == null) {
      b = new ScalarBuilder(capacity);
      scalars.put(name, b);
    }
    b.steps.add(step);
    b.values.add(value);
  }

  @Override
  public synchronized void parameter(long step, String name, double gradNorm, double gradMaxAbs,
      double updateRatio) {
    ParameterBuilder b = parameters.get(requireName(name));
    if (b == null) {
      b = new ParameterBuilder(capacity);
      parameters.put(name, b);
    }
    b.steps.add(step);
    b.gradNorm.add(gradNorm);
    b.gradMaxAbs.add(gradMaxAbs);
    b.updateRatio.add(updateRatio);
  }

  @Override
  public synchronized void hiddenGradientNorms(long step, String layer, boolean reverse,
      double[] norms, int length) {
    if (length < 1 || length > norms.length) {
      throw new IllegalArgumentException("hiddenGradientNorms " + layer + ": length " + length
          + " outside [1, " + norms.length + "] (norms.length)");
    }
    HiddenBuilder b = hidden.get(requireName(layer));
    if (b == null) {
      b = new HiddenBuilder(reverse, capacity);
      hidden.put(layer, b);
    } else if (b.reverse != reverse) {
      throw new IllegalArgumentException("hiddenGradientNorms " + layer + ": reverse=" + reverse
          + " but earlier records said reverse=" + b.reverse);
    }
    b.steps.add(step);
    b.rows.add(java.util.Arrays.copyOf(norms, length));
  }

  @Override
  public synchronized void gateSaturation(long step, String layer, SaturationCounter counter) {
    requireName(layer);
    for (int g = 0; g < counter.gateCount(); g++) {
      String key = layer + "/" + counter.gate(g).name();
      SaturationBuilder b = saturation.get(key);
      if (b == null) {
        b = new SaturationBuilder(counter.gate(g).kind(), capacity);
        saturation.put(key, b);
      }
      long total = counter.total(g);
      b.steps.add(step);
      b.saturated.add(counter.saturated(g));
      b.total.add(total);
      b.fraction.add(total == 0 ? Double.NaN : (double) counter.saturated(g) / total);
    }
  }

  @Override
  public void recurrentWeight(long step, String parameter, Tensor weight, int gateBlocks) {
    // the decompositions run outside the lock so a parallel direction is not held up
    SpectralStats[] stats = SpectralStats.ofGateBlocks(weight, gateBlocks);
    synchronized (this) {
      SpectralBuilder b = spectra.get(requireName(parameter));
      if (b == null) {
        b = new SpectralBuilder(gateBlocks, capacity);
        spectra.put(parameter, b);
      } else if (b.gateBlocks != gateBlocks) {
        throw new IllegalArgumentException("recurrentWeight " + parameter + ": gateBlocks="
            + gateBlocks + " but earlier records had " + b.gateBlocks);
      }
      double[] sigma = new double[stats.length];
      double[] rho = new double[stats.length];
      for (int i = 0; i < stats.length; i++) {
        sigma[i] = stats[i].sigmaMax();
        rho[i] = stats[i].spectralRadius();
      }
      b.steps.add(step);
      b.sigma.add(sigma);
      b.rho.add(rho);
    }
  }

  @Override
  public synchronized void gradientClipped(long step, double preClipNorm, double maxNorm) {
    clipping.steps.add(step);
    clipping.pre.add(preClipNorm);
    clipping.max.add(maxNorm);
  }

  @Override
  public synchronized void nonFinite(long step, String tensor, int index, double value) {
    if (firstNonFinite == null) {
      firstNonFinite = new NonFiniteEvent(step, tensor, index, value);
    }
  }

  /**
   * Writes {@code diagnostics.h5} (temp file + rename) when this recorder has a file.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  @Override
  public void flush() {
    if (file == null) {
      return;
    }
    try {
      DiagnosticsStore.write(snapshot(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write diagnostics to " + file, e);
    }
  }

  /** @return a copy of everything recorded so far */
  public synchronized Diagnostics snapshot() {
    SortedMap<String, ScalarSeries> s = new TreeMap<>();
    scalars.forEach((k, b) -> s.put(k, new ScalarSeries(b.steps.toArray(), b.values.toArray())));
    SortedMap<String, ParameterSeries> p = new TreeMap<>();
    parameters.forEach((k, b) -> p.put(k, new ParameterSeries(b.steps.toArray(),
        b.gradNorm.toArray(), b.gradMaxAbs.toArray(), b.updateRatio.toArray())));
    SortedMap<String, HiddenGradientSeries> h = new TreeMap<>();
    hidden.forEach((k, b) -> h.put(k, new HiddenGradientSeries(b.reverse, b.steps.toArray(),
        b.rows.toArray(double[][]::new))));
    SortedMap<String, SortedMap<String, SaturationSeries>> sat = new TreeMap<>();
    saturation.forEach((k, b) -> {
      int slash = k.lastIndexOf('/');
      sat.computeIfAbsent(k.substring(0, slash), x -> new TreeMap<>()).put(k.substring(slash + 1),
          new SaturationSeries(b.kind, b.steps.toArray(), b.fraction.toArray(),
              b.saturated.toArray(), b.total.toArray()));
    });
    SortedMap<String, SpectralSeries> sp = new TreeMap<>();
    spectra.forEach((k, b) -> sp.put(k, new SpectralSeries(b.gateBlocks,
        SpectralStats.columnLabels(b.gateBlocks), b.steps.toArray(),
        b.sigma.toArray(double[][]::new), b.rho.toArray(double[][]::new))));
    ClipSeries clip = new ClipSeries(clipping.steps.toArray(), clipping.pre.toArray(),
        clipping.max.toArray());
    return new Diagnostics(cadence.every(), s, p, h, sat, sp, clip, firstNonFinite);
  }

  @Override
  public String toString() {
    return "DiagnosticsRecorder[" + cadence + (file == null ? "" : ", " + file) + "]";
  }

  private static String requireName(String name) {
    if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/")
        || name.contains("//")) {
      throw new IllegalArgumentException("diagnostics name must be non-empty path segments "
          + "separated by single '/', got [" + name + "]");
    }
    return name;
  }

  private static final class ScalarBuilder {
    final Growable.Longs steps;
    final Growable.Doubles values;

    ScalarBuilder(int n) {
      steps = new Growable.Longs(n);
      values = new Growable.Doubles(n);
    }
  }

  private static final class ParameterBuilder {
    final Growable.Longs steps;
    final Growable.Doubles gradNorm;
    final Growable.Doubles gradMaxAbs;
    final Growable.Doubles updateRatio;

    ParameterBuilder(int n) {
      steps = new Growable.Longs(n);
      gradNorm = new Growable.Doubles(n);
      gradMaxAbs = new Growable.Doubles(n);
      updateRatio = new Growable.Doubles(n);
    }
  }

  private static final class HiddenBuilder {
    final boolean reverse;
    final Growable.Longs steps;
    final List<double[]> rows;

    HiddenBuilder(boolean reverse, int n) {
      this.reverse = reverse;
      steps = new Growable.Longs(n);
      rows = new ArrayList<>(n);
    }
  }

  private static final class SaturationBuilder {
    final GateKind kind;
    final Growable.Longs steps;
    final Growable.Doubles fraction;
    final Growable.Longs saturated;
    final Growable.Longs total;

    SaturationBuilder(GateKind kind, int n) {
      this.kind = kind;
      steps = new Growable.Longs(n);
      fraction = new Growable.Doubles(n);
      saturated = new Growable.Longs(n);
      total = new Growable.Longs(n);
    }
  }

  private static final class SpectralBuilder {
    final int gateBlocks;
    final Growable.Longs steps;
    final List<double[]> sigma;
    final List<double[]> rho;

    SpectralBuilder(int gateBlocks, int n) {
      this.gateBlocks = gateBlocks;
      steps = new Growable.Longs(n);
      sigma = new ArrayList<>(n);
      rho = new ArrayList<>(n);
    }
  }

  private static final class ClipBuilder {
    final Growable.Longs steps;
    final Growable.Doubles pre;
    final Growable.Doubles max;

    ClipBuilder(int n) {
      steps = new Growable.Longs(n);
      pre = new Growable.Doubles(n);
      max = new Growable.Doubles(n);
    }
  }
}
