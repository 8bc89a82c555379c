package org.rnnlab.reports.html;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A chart rendered twice: as an inline {@code <svg>} element for the HTML page and as a PNG copy.
 *
 * @param slug file-name and element id ({@code loss}, {@code heatmap-l0})
 * @param caption text shown under the chart (may be empty)
 * @param svg the {@code <svg>} element, scalable (viewBox, no fixed size)
 */
record SvgChart(String slug, String caption, String svg) {
  // Inline SVG in HTML needs no namespace declarations; dropping them also keeps the page free
  // of any http:// text, which makes "no network references" a simple check.
  private static final Pattern NAMESPACES = Pattern.compile(" xmlns(:\\w+)?=('[^']*'|\"[^\"]*\")");

  /**
   * Renders {@code chart} to SVG and writes {@code <pngDir>/<slug>.png}.
   *
   * @param chart the chart
   * @param slug unique within the page: used as element id, defs prefix and file name
   * @param caption text shown under the chart (may be empty)
   * @param width width in CSS pixels
   * @param height height in CSS pixels
   * @param pngDir directory for the PNG copy
   * @return the rendered chart
   * @throws IOException when the PNG cannot be written
   */
  static SvgChart render(JFreeChart chart, String slug, String caption, int width, int height,
      Path pngDir) throws IOException {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    // clip-path ids must not collide between the several charts inlined in one page
    g.setDefsKeyPrefix(slug + "-");
    g.setGeomDoubleConverter(SvgChart::twoDecimals);
    chart.draw(g, new Rectangle(0, 0, width, height));
    String svg = g.getSVGElement(slug, false, new ViewBox(0, 0, width, height),
        PreserveAspectRatio.XMID_YMID, MeetOrSlice.MEET);
    ChartUtils.saveChartAsPNG(pngDir.resolve(slug + ".png").toFile(), chart, width, height);
    return new SvgChart(slug, caption, NAMESPACES.matcher(svg).replaceAll(""));
  }

  /** Pixel coordinates need no more than two decimals; this roughly halves the SVG. */
  private static String twoDecimals(double d) {
    long r = Math.round(d * 100);
    return r % 100 == 0 ? Long.toString(r / 100) : Double.toString(r / 100.0);
  }
}
