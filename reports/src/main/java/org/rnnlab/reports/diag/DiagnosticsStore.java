package org.rnnlab.reports.diag;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rnnlab.api.diag.GateKind;
import org.rnnlab.reports.diag.Diagnostics.ClipSeries;
import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;
import org.rnnlab.reports.diag.Diagnostics.NonFiniteEvent;
import org.rnnlab.reports.diag.Diagnostics.ParameterSeries;
import org.rnnlab.reports.diag.Diagnostics.SaturationSeries;
import org.rnnlab.reports.diag.Diagnostics.ScalarSeries;
import org.rnnlab.reports.diag.Diagnostics.SpectralSeries;

/**
 * Writes and reads {@code diagnostics.h5}; the layout (groups, dataset shapes, units) is
 * documented in {@code reports/docs/diagnostics-format.md} and readable by h5py.
 *
 * <p>jhdf builds a file in memory and writes it whole, with no append, so every
 * {@link #write} produces a complete file: it goes to {@code <name>.tmp} next to the target, is
 * fsynced and then renamed over the target, so a reader or a crash never sees half a file.
 *
 * <p>Stateless; concurrent writes to the same path are the caller's problem (the recorder
 * serialises its flushes through one trainer thread).
 */
public final class DiagnosticsStore {
  /** Value of the root attribute {@code format}. */
  public static final String FORMAT = "rnnlab-diagnostics";
  /** Value of the root attribute {@code format_version}; bump on any layout change. */
  public static final int FORMAT_VERSION = 1;

  private DiagnosticsStore() {}

  /**
   * Writes a complete file atomically (temp file, fsync, rename).
   *
   * @param d the diagnostics
   * @param target the file to create or replace
   * @throws IOException when writing or renaming fails
   */
  public static void write(Diagnostics d, Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (WritableHdfFile f = HdfFile.write(tmp)) {
      f.putAttribute("format", FORMAT);
      f.putAttribute("format_version", FORMAT_VERSION);
      f.putAttribute("cadence_every", d.cadenceEvery());
      writeScalars(f, d.scalars());
      writeParameters(f, d.parameters());
      writeHidden(f, d.hiddenGradients());
      writeSaturation(f, d.saturation());
      writeSpectra(f, d.spectra());
      if (d.clipping().steps().length > 0) {
        WritableGroup g = f.putGroup("clipping");
        g.putDataset("step", d.clipping().steps());
        g.putDataset("pre_clip_norm", d.clipping().preClipNorm());
        g.putDataset("max_norm", d.clipping().maxNorm());
      }
      NonFiniteEvent nf = d.firstNonFinite();
      if (nf != null) {
        WritableGroup g = f.putGroup("non_finite");
        g.putAttribute("step", nf.step());
        g.putAttribute("tensor", nf.tensor());
        g.putAttribute("index", nf.index());
        g.putAttribute("value", nf.value());
      }
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeScalars(WritableGroup f, Map<String, ScalarSeries> scalars) {
    if (scalars.isEmpty()) {
      return;
    }
    WritableGroup root = f.putGroup("scalars");
    scalars.forEach((name, s) -> {
      WritableGroup g = path(root, name);
      g.putDataset("step", s.steps());
      g.putDataset("value", s.values());
    });
  }

  private static void writeParameters(WritableGroup f, Map<String, ParameterSeries> params) {
    if (params.isEmpty()) {
      return;
    }
    WritableGroup root = f.putGroup("parameters");
    params.forEach((name, p) -> {
      WritableGroup g = path(root, name);
      g.putDataset("step", p.steps());
      g.putDataset("grad_norm", p.gradNorm());
      g.putDataset("grad_max_abs", p.gradMaxAbs());
      g.putDataset("update_ratio", p.updateRatio());
    });
  }

  private static void writeHidden(WritableGroup f, Map<String, HiddenGradientSeries> hidden) {
    if (hidden.isEmpty()) {
      return;
    }
    WritableGroup root = f.putGroup("hidden_grad");
    hidden.forEach((layer, h) -> {
      WritableGroup g = path(root, layer);
      g.putAttribute("reverse", h.reverse() ? 1 : 0);
      int rows = h.norms().length;
      int width = h.maxLength();
      // rectangular [S, Tmax] for h5py; shorter sequences are padded with NaN, see "length"
      double[][] norm = new double[rows][width];
      int[] length = new int[rows];
      for (int s = 0; s < rows; s++) {
        double[] row = h.norms()[s];
        Arrays.fill(norm[s], Double.NaN);
        System.arraycopy(row, 0, norm[s], 0, row.length);
        length[s] = row.length;
      }
      g.putDataset("step", h.steps());
      g.putDataset("length", length);
      g.putDataset("norm", norm);
    });
  }

  private static void writeSaturation(WritableGroup f,
      Map<String, SortedMap<String, SaturationSeries>> saturation) {
    if (saturation.isEmpty()) {
      return;
    }
    WritableGroup root = f.putGroup("gate_saturation");
    saturation.forEach((layer, gates) -> {
      WritableGroup lg = path(root, layer);
      gates.forEach((gate, s) -> {
        WritableGroup g = lg.putGroup(gate);
        g.putAttribute("kind", s.kind().name().toLowerCase(Locale.ROOT));
        g.putDataset("step", s.steps());
        g.putDataset("fraction", s.fraction());
        g.putDataset("saturated", s.saturated());
        g.putDataset("total", s.total());
      });
    });
  }

  private static void writeSpectra(WritableGroup f, Map<String, SpectralSeries> spectra) {
    if (spectra.isEmpty()) {
      return;
    }
    WritableGroup root = f.putGroup("spectral");
    spectra.forEach((name, s) -> {
      WritableGroup g = path(root, name);
      g.putAttribute("gate_blocks", s.gateBlocks());
      g.putAttribute("columns", String.join(",", s.columns()));
      g.putDataset("step", s.steps());
      g.putDataset("sigma_max", s.sigmaMax());
      g.putDataset("spectral_radius", s.spectralRadius());
    });
  }

  /** Returns the group at a '/'-separated path below {@code root}, creating missing groups. */
  private static WritableGroup path(WritableGroup root, String name) {
    WritableGroup g = root;
    for (String part : name.split("/")) {
      Node child = g.getChild(part);
      g = child instanceof WritableGroup existing ? existing : g.putGroup(part);
    }
    return g;
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @param file the {@code diagnostics.h5}
   * @return the diagnostics it holds
   * @throws IOException when the file is missing or not a diagnostics file of a known version
   */
  public static Diagnostics read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no diagnostics file at " + file);
    }
    try (HdfFile f = new HdfFile(file)) {
      Object format = attr(f, "format");
      if (!FORMAT.equals(format)) {
        throw new IOException(file + ": root attribute format is [" + format + "], expected ["
            + FORMAT + "]");
      }
      long version = ((Number) attr(f, "format_version")).longValue();
      if (version != FORMAT_VERSION) {
        throw new IOException(file + ": format_version " + version + " is not supported (this "
            + "build reads version " + FORMAT_VERSION + ")");
      }
      long every = ((Number) attr(f, "cadence_every")).longValue();
      SortedMap<String, ScalarSeries> scalars = new TreeMap<>();
      forEachSeries(group(f, "scalars"), "", (name, g) -> scalars.put(name,
          new ScalarSeries(longs(g, "step"), doubles(g, "value"))));
      SortedMap<String, ParameterSeries> params = new TreeMap<>();
      forEachSeries(group(f, "parameters"), "", (name, g) -> params.put(name,
          new ParameterSeries(longs(g, "step"), doubles(g, "grad_norm"),
              doubles(g, "grad_max_abs"), doubles(g, "update_ratio"))));
      SortedMap<String, HiddenGradientSeries> hidden = new TreeMap<>();
      forEachSeries(group(f, "hidden_grad"), "", (name, g) -> hidden.put(name, readHidden(g)));
      SortedMap<String, SortedMap<String, SaturationSeries>> saturation = new TreeMap<>();
      forEachSeries(group(f, "gate_saturation"), "", (name, g) -> {
        int slash = name.lastIndexOf('/');
        saturation.computeIfAbsent(name.substring(0, slash), k -> new TreeMap<>())
            .put(name.substring(slash + 1), new SaturationSeries(
                GateKind.valueOf(((String) attr(g, "kind")).toUpperCase(Locale.ROOT)),
                longs(g, "step"), doubles(g, "fraction"), longs(g, "saturated"),
                longs(g, "total")));
      });
      SortedMap<String, SpectralSeries> spectra = new TreeMap<>();
      forEachSeries(group(f, "spectral"), "", (name, g) -> spectra.put(name, new SpectralSeries(
          ((Number) attr(g, "gate_blocks")).intValue(), ((String) attr(g, "columns")).split(","),
          longs(g, "step"), matrix(g, "sigma_max"), matrix(g, "spectral_radius"))));
      Group clipGroup = group(f, "clipping");
      ClipSeries clip = clipGroup == null ? ClipSeries.empty() : new ClipSeries(
          longs(clipGroup, "step"), doubles(clipGroup, "pre_clip_norm"),
          doubles(clipGroup, "max_norm"));
      Group nfGroup = group(f, "non_finite");
      NonFiniteEvent nf = nfGroup == null ? null : new NonFiniteEvent(
          ((Number) attr(nfGroup, "step")).longValue(), (String) attr(nfGroup, "tensor"),
          ((Number) attr(nfGroup, "index")).intValue(),
          ((Number) attr(nfGroup, "value")).doubleValue());
      return new Diagnostics(every, scalars, params, hidden, saturation, spectra, clip, nf);
    } catch (RuntimeException e) {
      // jhdf reports malformed files with unchecked exceptions
      throw new IOException("cannot read diagnostics from " + file + ": " + e.getMessage(), e);
    }
  }

  private static HiddenGradientSeries readHidden(Group g) {
    int[] length = ints(g, "length");
    double[][] padded = matrix(g, "norm");
    double[][] rows = new double[length.length][];
    for (int s = 0; s < rows.length; s++) {
      rows[s] = Arrays.copyOf(padded[s], length[s]);
    }
    return new HiddenGradientSeries(((Number) attr(g, "reverse")).intValue() != 0,
        longs(g, "step"), rows);
  }

  private interface SeriesVisitor {
    void visit(String name, Group g);
  }

  /** Visits every group below {@code g} that holds a {@code step} dataset (a series). */
  private static void forEachSeries(Group g, String prefix, SeriesVisitor visitor) {
    if (g == null) {
      return;
    }
    for (Node child : g.getChildren().values()) {
      if (child instanceof Group cg) {
        String name = prefix.isEmpty() ? cg.getName() : prefix + "/" + cg.getName();
        if (cg.getChild("step") instanceof Dataset) {
          visitor.visit(name, cg);
        }
        forEachSeries(cg, name, visitor);
      }
    }
  }

  private static Group group(Group parent, String name) {
    return parent.getChildren().get(name) instanceof Group g ? g : null;
  }

  private static Object attr(Node node, String name) {
    Attribute a = node.getAttribute(name);
    if (a == null) {
      throw new IllegalStateException(node.getPath() + " lacks attribute " + name);
    }
    return a.getData();
  }

  private static Dataset dataset(Group g, String name) {
    if (!(g.getChild(name) instanceof Dataset d)) {
      throw new IllegalStateException(g.getPath() + " lacks dataset " + name);
    }
    return d;
  }

  private static long[] longs(Group g, String name) {
    return (long[]) dataset(g, name).getData();
  }

  private static int[] ints(Group g, String name) {
    return (int[]) dataset(g, name).getData();
  }

  private static double[] doubles(Group g, String name) {
    return (double[]) dataset(g, name).getData();
  }

  private static double[][] matrix(Group g, String name) {
    return (double[][]) dataset(g, name).getData();
  }
}
