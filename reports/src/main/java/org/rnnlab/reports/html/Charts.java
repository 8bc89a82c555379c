package org.rnnlab.reports.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rnnlab.reports.analysis.MemoryHorizon;
import org.rnnlab.reports.diag.Diagnostics;
import org.rnnlab.reports.diag.Diagnostics.ScalarSeries;
import org.rnnlab.reports.diag.Diagnostics.SpectralSeries;

/**
 * The line charts of a report. Each builder returns the named series it would draw, so a
 * comparison can overlay the series of several runs in one chart ({@link #line}).
 */
final class Charts {
  /** Longer series are bucket-averaged to this many points: an SVG path per point is costly. */
  static final int MAX_POINTS = 600;

  private Charts() {}

  /**
   * One line.
   *
   * @param name legend label
   * @param x x values
   * @param y y values (NaN leaves a gap)
   */
  record Line(String name, double[] x, double[] y) {

    Line prefixed(String prefix) {
      return new Line(prefix + " " + name, x, y);
    }
  }

  /** Loss curves: diagnostics scalars named {@code *loss}, else metrics.csv loss columns. */
  static List<Line> loss(RunData run) {
    List<Line> out = new ArrayList<>();
    if (run.diagnostics() != null) {
      for (Map.Entry<String, ScalarSeries> e : run.diagnostics().scalars().entrySet()) {
        if (e.getKey().endsWith("loss")) {
          out.add(new Line(e.getKey(), toDouble(e.getValue().steps()), e.getValue().values()));
        }
      }
    }
    if (out.isEmpty() && run.metrics() != null) {
      for (String col : run.metrics().columns()) {
        if (col.contains("loss")) {
          out.add(new Line(col, toDouble(run.metrics().steps()), run.metrics().column(col)));
        }
      }
    }
    return out;
  }

  /** Gradient L2 norm per parameter. */
  static List<Line> gradNorms(Diagnostics d) {
    List<Line> out = new ArrayList<>();
    d.parameters().forEach((name, p) ->
        out.add(new Line(name, toDouble(p.steps()), p.gradNorm())));
    return out;
  }

  /** Effective memory horizon per layer/direction and training step. */
  static List<Line> horizon(Diagnostics d) {
    List<Line> out = new ArrayList<>();
    d.hiddenGradients().forEach((layer, s) -> {
      int[] h = MemoryHorizon.perStep(s);
      double[] y = new double[h.length];
      for (int i = 0; i < h.length; i++) {
        y[i] = h[i];
      }
      out.add(new Line(layer, toDouble(s.steps()), y));
    });
    return out;
  }

  /** Gate saturation in percent per layer and gate. */
  static List<Line> saturation(Diagnostics d) {
    List<Line> out = new ArrayList<>();
    d.saturation().forEach((layer, gates) -> gates.forEach((gate, s) -> {
      double[] pct = new double[s.fraction().length];
      for (int i = 0; i < pct.length; i++) {
        pct[i] = 100 * s.fraction()[i];
      }
      out.add(new Line(layer + " " + gate + " (" + s.kind().name().toLowerCase() + ")",
          toDouble(s.steps()), pct));
    }));
    return out;
  }

  /** Spectral radius per recurrent weight and gate block (square matrices only). */
  static List<Line> spectralRadius(Diagnostics d) {
    List<Line> out = new ArrayList<>();
    for (Map.Entry<String, SpectralSeries> e : d.spectra().entrySet()) {
      SpectralSeries s = e.getValue();
      for (int c = 0; c < s.columns().length; c++) {
        double[] y = new double[s.steps().length];
        boolean any = false;
        for (int i = 0; i < y.length; i++) {
          y[i] = s.spectralRadius()[i][c];
          any |= !Double.isNaN(y[i]);
        }
        if (any) {
          out.add(new Line(e.getKey() + (s.gateBlocks() == 1 ? "" : " " + s.columns()[c]),
              toDouble(s.steps()), y));
        }
      }
    }
    return out;
  }

  /** How the y axis maps values. */
  enum Scale {
    /** Linear, range fitted to the data. */
    LINEAR,
    /** Linear, range always includes 0 (counts, percentages). */
    LINEAR_FROM_ZERO,
    /** Base-10 logarithmic; non-positive values are left out. */
    LOG
  }

  /**
   * @param title chart title
   * @param xLabel x axis label
   * @param yLabel y axis label
   * @param lines the lines
   * @param scale y axis scale
   * @param marker y value of a dashed reference line, or NaN for none
   * @return the chart
   */
  static JFreeChart line(String title, String xLabel, String yLabel, List<Line> lines,
      Scale scale, double marker) {
    boolean logY = scale == Scale.LOG;
    XYSeriesCollection data = new XYSeriesCollection();
    for (Line l : lines) {
      data.addSeries(series(l, logY));
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    ValueAxis y;
    if (logY) {
      LogAxis log = new LogAxis(yLabel);
      log.setSmallestValue(1e-300);
      log.setNumberFormatOverride(new ShortNumberFormat());
      // LogAxis picks fractional-decade ticks (0.631, 0.398); whole decades read better once
      // there are at least two of them
      if (decades(lines) >= 2) {
        log.setTickUnit(new NumberTickUnit(1), false, true);
      }
      y = log;
    } else {
      NumberAxis lin = new NumberAxis(yLabel);
      lin.setAutoRangeIncludesZero(scale == Scale.LINEAR_FROM_ZERO);
      if (!Double.isNaN(marker)) {
        // auto-ranging ignores markers; the reference line must stay in view to be useful
        includeInRange(lin, lines, marker);
      }
      y = lin;
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    // one SVG path per series instead of one element per segment (about 10x smaller)
    renderer.setDrawSeriesLineAsPath(true);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    if (!Double.isNaN(marker)) {
      ValueMarker m = new ValueMarker(marker, new Color(0x88, 0x88, 0x88), new BasicStroke(1.2f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f));
      m.setLabel("ρ = " + marker);
      m.setLabelFont(ChartStyle.TICK_FONT);
      m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
      plot.addRangeMarker(m);
    }
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true);
    ChartStyle.apply(chart);
    return chart;
  }

  private static XYSeries series(Line l, boolean logY) {
    XYSeries s = new XYSeries(l.name(), false, true);
    int n = l.x().length;
    int bucket = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    for (int start = 0; start < n; start += bucket) {
      double sx = 0;
      double sy = 0;
      int count = 0;
      for (int i = start; i < Math.min(n, start + bucket); i++) {
        double v = l.y()[i];
        if (Double.isFinite(v) && (!logY || v > 0)) {
          sx += l.x()[i];
          sy += v;
          count++;
        }
      }
      if (count > 0) {
        s.add(sx / count, sy / count);
      }
    }
    return s;
  }

  private static void includeInRange(NumberAxis axis, List<Line> lines, double value) {
    double lo = value;
    double hi = value;
    for (Line l : lines) {
      for (double v : l.y()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    double pad = lo == hi ? 0.5 : 0.05 * (hi - lo);
    axis.setRange(lo - pad, hi + pad);
  }

  /** Number of decades between the smallest and largest positive finite value. */
  private static double decades(List<Line> lines) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (Line l : lines) {
      for (double v : l.y()) {
        if (v > 0 && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return hi > 0 ? Math.log10(hi / lo) : 0;
  }

  /**
   * @param lines candidate lines
   * @return true when at least one line has a point to draw
   */
  static boolean hasData(List<Line> lines) {
    for (Line l : lines) {
      for (double v : l.y()) {
        if (Double.isFinite(v)) {
          return true;
        }
      }
    }
    return false;
  }

  private static double[] toDouble(long[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
