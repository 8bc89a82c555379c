package org.rnnlab.reports.html;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.rnnlab.reports.diag.Diagnostics.HiddenGradientSeries;

/**
 * The heat map of {@code log10 ||dL/dh_t||}: x = time step {@code t}, y = training step, colour =
 * the norm. To keep the inline SVG small (one {@code <rect>} per cell), rows and columns are
 * averaged in log space down to at most {@link #MAX_ROWS} x {@link #MAX_COLS} cells.
 */
final class HeatMap {
  static final int MAX_ROWS = 48;
  static final int MAX_COLS = 64;

  private HeatMap() {}

  /**
   * @param title chart title
   * @param s the layer's series
   * @param range {@code [lo, hi]} of the colour scale in log10 units, shared by heat maps that
   *     are compared side by side; null to fit this series alone
   * @return the chart
   */
  static JFreeChart chart(String title, HiddenGradientSeries s, double[] range) {
    int rows = s.steps().length;
    int width = s.maxLength();
    int rowStride = (rows + MAX_ROWS - 1) / MAX_ROWS;
    int colStride = Math.max(1, (width + MAX_COLS - 1) / MAX_COLS);
    int outRows = (rows + rowStride - 1) / rowStride;
    int outCols = (width + colStride - 1) / colStride;
    double spacing = stepSpacing(s.steps());
    double[] xs = new double[outRows * outCols];
    double[] ys = new double[xs.length];
    double[] zs = new double[xs.length];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < outRows; r++) {
      for (int c = 0; c < outCols; c++) {
        double sum = 0;
        int n = 0;
        for (int s0 = r * rowStride; s0 < Math.min(rows, (r + 1) * rowStride); s0++) {
          double[] row = s.norms()[s0];
          for (int t = c * colStride; t < Math.min(row.length, (c + 1) * colStride); t++) {
            double v = Math.log10(row[t]);
            // zeros (log = -inf) and NaN cannot be averaged; they show as empty cells
            if (Double.isFinite(v)) {
              sum += v;
              n++;
            }
          }
        }
        int i = r * outCols + c;
        xs[i] = c * colStride;
        ys[i] = s.steps()[r * rowStride];
        zs[i] = n == 0 ? Double.NaN : sum / n;
        if (n > 0) {
          lo = Math.min(lo, zs[i]);
          hi = Math.max(hi, zs[i]);
        }
      }
    }
    if (range != null) {
      lo = range[0];
      hi = range[1];
    }
    if (!(lo < hi)) {
      lo = Double.isFinite(lo) ? lo - 1 : -1;
      hi = lo + 2;
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("log10 ||dL/dh_t||", new double[][] {xs, ys, zs});
    Viridis scale = new Viridis(lo, hi);
    FillOnlyBlockRenderer renderer = new FillOnlyBlockRenderer();
    renderer.setBlockWidth(colStride);
    renderer.setBlockHeight(spacing * rowStride);
    renderer.setPaintScale(scale);
    NumberAxis x = new NumberAxis(s.reverse() ? "time step t (reverse direction: last step is t = 0)"
        : "time step t (last step on the right)");
    x.setRange(0, width);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis y = new NumberAxis("training step");
    y.setRange(s.steps()[0], s.steps()[(outRows - 1) * rowStride] + spacing * rowStride);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(new Color(0xEE, 0xEE, 0xEE));
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE_FONT, plot, false);
    NumberAxis legendAxis = new NumberAxis("log10 ||dL/dh_t||");
    legendAxis.setRange(lo, hi);
    legendAxis.setLabelFont(ChartStyle.LABEL_FONT);
    legendAxis.setTickLabelFont(ChartStyle.TICK_FONT);
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(new RectangleInsets(8, 8, 8, 4));
    legend.setStripWidth(14);
    legend.setSubdivisionCount(64);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    ChartStyle.apply(chart);
    return chart;
  }

  /**
   * @param all series to be drawn with one colour scale
   * @return {@code [lo, hi]}: the finite extremes of {@code log10 ||dL/dh_t||} over all of them
   */
  static double[] sharedRange(Iterable<HiddenGradientSeries> all) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (HiddenGradientSeries s : all) {
      for (double[] row : s.norms()) {
        for (double v : row) {
          double l = Math.log10(v);
          if (Double.isFinite(l)) {
            lo = Math.min(lo, l);
            hi = Math.max(hi, l);
          }
        }
      }
    }
    return new double[] {lo, hi};
  }

  private static double stepSpacing(long[] steps) {
    long min = Long.MAX_VALUE;
    for (int i = 1; i < steps.length; i++) {
      long d = steps[i] - steps[i - 1];
      if (d > 0) {
        min = Math.min(min, d);
      }
    }
    return min == Long.MAX_VALUE ? 1 : min;
  }

  /** The viridis colour map (perceptually uniform, readable in grey and by colour-blind readers). */
  static final class Viridis implements PaintScale {
    private static final int[] ANCHORS = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E,
        0x1F9E89, 0x35B779, 0x6ECE58, 0xB5DE2B, 0xFDE725};
    private final double lo;
    private final double hi;

    Viridis(double lo, double hi) {
      this.lo = lo;
      this.hi = hi;
    }

    @Override public double getLowerBound() {
      return lo;
    }

    @Override public double getUpperBound() {
      return hi;
    }

    @Override public Paint getPaint(double value) {
      double f = Math.clamp((value - lo) / (hi - lo), 0.0, 1.0) * (ANCHORS.length - 1);
      int i = Math.min((int) f, ANCHORS.length - 2);
      double w = f - i;
      Color a = new Color(ANCHORS[i]);
      Color b = new Color(ANCHORS[i + 1]);
      return new Color((int) Math.round(a.getRed() + w * (b.getRed() - a.getRed())),
          (int) Math.round(a.getGreen() + w * (b.getGreen() - a.getGreen())),
          (int) Math.round(a.getBlue() + w * (b.getBlue() - a.getBlue())));
    }
  }

  /**
   * An {@link XYBlockRenderer} that fills each block once, anchored at its lower-left corner.
   * The stock renderer also strokes every block's outline, which doubles the SVG elements;
   * blocks are widened by half a pixel so anti-aliased neighbours leave no seams.
   */
  static final class FillOnlyBlockRenderer extends XYBlockRenderer {
    private static final long serialVersionUID = 1L;

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea,
        PlotRenderingInfo info, XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis,
        XYDataset dataset, int series, int item, CrosshairState crosshairState, int pass) {
      double z = ((XYZDataset) dataset).getZValue(series, item);
      if (Double.isNaN(z)) {
        return;
      }
      double x = dataset.getXValue(series, item);
      double y = dataset.getYValue(series, item);
      double x0 = domainAxis.valueToJava2D(x, dataArea, plot.getDomainAxisEdge());
      double x1 = domainAxis.valueToJava2D(x + getBlockWidth(), dataArea, plot.getDomainAxisEdge());
      double y0 = rangeAxis.valueToJava2D(y, dataArea, plot.getRangeAxisEdge());
      double y1 = rangeAxis.valueToJava2D(y + getBlockHeight(), dataArea, plot.getRangeAxisEdge());
      g2.setPaint(getPaintScale().getPaint(z));
      g2.fill(new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1),
          Math.abs(x1 - x0) + 0.5, Math.abs(y1 - y0) + 0.5));
    }
  }
}
