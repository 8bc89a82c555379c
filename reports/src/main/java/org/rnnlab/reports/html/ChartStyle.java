package org.rnnlab.reports.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;

/** One look for every chart: white background, light grid, Tableau-10 series colours. */
final class ChartStyle {
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
  static final Color TEXT = new Color(0x33, 0x33, 0x33);
  private static final int[] PALETTE = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
      0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};

  private ChartStyle() {}

  /**
   * @param i series index
   * @return its colour (the palette repeats after ten series)
   */
  static Color color(int i) {
    return new Color(PALETTE[i % PALETTE.length]);
  }

  /**
   * Applies the common look; for line charts also colours and thickens the series.
   *
   * @param chart the chart to style in place
   */
  static void apply(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setPadding(new RectangleInsets(6, 6, 6, 10));
    if (chart.getTitle() != null) {
      chart.getTitle().setFont(TITLE_FONT);
      chart.getTitle().setPaint(TEXT);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LABEL_FONT);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
      legend.setBackgroundPaint(Color.WHITE);
    }
    if (!(chart.getPlot() instanceof XYPlot plot)) {
      return;
    }
    plot.setOutlineVisible(false);
    if (plot.getDataset() != null && !(plot.getDataset() instanceof org.jfree.data.xy.XYZDataset)) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(GRID);
      plot.setRangeGridlinePaint(GRID);
      plot.setDomainGridlineStroke(new BasicStroke(1f));
      plot.setRangeGridlineStroke(new BasicStroke(1f));
    }
    for (int a = 0; a < plot.getDomainAxisCount(); a++) {
      style(plot.getDomainAxis(a));
    }
    for (int a = 0; a < plot.getRangeAxisCount(); a++) {
      style(plot.getRangeAxis(a));
    }
    XYItemRenderer r = plot.getRenderer();
    if (r != null && plot.getDataset() != null
        && !(plot.getDataset() instanceof org.jfree.data.xy.XYZDataset)) {
      for (int s = 0; s < plot.getDataset().getSeriesCount(); s++) {
        r.setSeriesPaint(s, color(s));
        r.setSeriesStroke(s, new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      }
    }
  }

  private static void style(ValueAxis axis) {
    if (axis == null) {
      return;
    }
    axis.setLabelFont(LABEL_FONT);
    axis.setTickLabelFont(TICK_FONT);
    axis.setLabelPaint(TEXT);
    axis.setTickLabelPaint(TEXT);
    axis.setAxisLinePaint(new Color(0x99, 0x99, 0x99));
  }
}
