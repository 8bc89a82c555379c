package org.rnnlab.reports.html;

import static org.rnnlab.reports.html.Html.esc;
import static org.rnnlab.reports.html.Html.num;

import java.util.Map;
import org.rnnlab.reports.analysis.GradientFlowVerdict;
import org.rnnlab.reports.diag.Diagnostics;
import org.rnnlab.reports.diag.Diagnostics.ParameterSeries;
import org.rnnlab.reports.diag.Diagnostics.ScalarSeries;

/** HTML fragments describing one run, shared by the run report and the comparison. */
final class RunSections {
  private RunSections() {}

  /** Loading warnings and the first non-finite value, as alert boxes. */
  static String alerts(RunData run) {
    StringBuilder b = new StringBuilder();
    for (String w : run.warnings()) {
      b.append("<div class=\"warn\">").append(esc(w)).append("</div>\n");
    }
    Diagnostics d = run.diagnostics();
    if (d != null && d.firstNonFinite() != null) {
      Diagnostics.NonFiniteEvent e = d.firstNonFinite();
      b.append("<div class=\"alert\"><b>Non-finite value</b> first seen at step ")
          .append(e.step()).append(" in <code>").append(esc(e.tensor())).append("</code>")
          .append(e.index() >= 0 ? " (element " + e.index() + ")" : "").append(": ")
          .append(esc(Double.toString(e.value()))).append("</div>\n");
    }
    return b.toString();
  }

  /** Headline numbers: final losses, steps, clipping. */
  static String facts(RunData run) {
    StringBuilder b = new StringBuilder("<div class=\"facts\">\n");
    Diagnostics d = run.diagnostics();
    if (d != null) {
      for (Map.Entry<String, ScalarSeries> e : d.scalars().entrySet()) {
        if (e.getKey().endsWith("loss")) {
          double[] v = e.getValue().values();
          fact(b, num(v[v.length - 1]), "final " + e.getKey());
          fact(b, num(min(v)), "best " + e.getKey());
        }
      }
      fact(b, Long.toString(lastStep(d)), "last recorded step");
      fact(b, Long.toString(d.cadenceEvery()), "diagnostics every n steps");
      fact(b, Integer.toString(d.clipping().steps().length), "clipping events");
    }
    for (GradientFlowVerdict v : run.verdicts()) {
      factHtml(b, Html.badge(v.verdict()), "gradient flow " + esc(v.layer()));
    }
    return b.append("</div>\n").toString();
  }

  private static void fact(StringBuilder b, String value, String label) {
    factHtml(b, esc(value), esc(label));
  }

  private static void factHtml(StringBuilder b, String valueHtml, String labelHtml) {
    b.append("<div class=\"fact\"><b>").append(valueHtml).append("</b><span>").append(labelHtml)
        .append("</span></div>\n");
  }

  /** One row per layer/direction: verdict and the numbers behind it. */
  static String verdictTable(RunData run) {
    if (run.verdicts().isEmpty()) {
      return "<p class=\"note\">No ||dL/dh<sub>t</sub>|| recorded for this run.</p>\n";
    }
    StringBuilder b = new StringBuilder("<table><thead><tr><th>layer</th><th>verdict</th>"
        + "<th class=\"num\">factor / step</th><th class=\"num\">slope (log10/step)</th>"
        + "<th class=\"num\">fitted change (decades)</th><th class=\"num\">first / last</th>"
        + "<th class=\"num\">R²</th><th class=\"num\">horizon</th><th class=\"num\">T</th>"
        + "<th>why</th></tr></thead><tbody>\n");
    for (GradientFlowVerdict v : run.verdicts()) {
      b.append("<tr><td><code>").append(esc(v.layer())).append("</code></td><td>")
          .append(Html.badge(v.verdict())).append("</td>")
          .append(numCell(v.decayPerStep())).append(numCell(v.slope()))
          .append(numCell(v.fittedChangeDecades())).append(numCell(v.ratioFirstLast()))
          .append(numCell(v.rSquared()))
          .append("<td class=\"num\">").append(v.horizon()).append("</td>")
          .append("<td class=\"num\">").append(v.span()).append("</td><td>")
          .append(esc(v.reason())).append("</td></tr>\n");
    }
    return b.append("</tbody></table>\n").toString();
  }

  /** The latest recorded statistics of each parameter. */
  static String parameterTable(Diagnostics d) {
    if (d == null || d.parameters().isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("<table><thead><tr><th>parameter</th>"
        + "<th class=\"num\">step</th><th class=\"num\">||g||</th><th class=\"num\">max |g|</th>"
        + "<th class=\"num\">||Δw|| / ||w||</th></tr></thead><tbody>\n");
    d.parameters().forEach((name, p) -> {
      int i = p.steps().length - 1;
      b.append("<tr><td><code>").append(esc(name)).append("</code></td>")
          .append("<td class=\"num\">").append(p.steps()[i]).append("</td>")
          .append(numCell(p.gradNorm()[i])).append(numCell(p.gradMaxAbs()[i]))
          .append(numCell(p.updateRatio()[i])).append("</tr>\n");
    });
    return b.append("</tbody></table>\n").toString();
  }

  /** Final metrics.csv row and the provenance fields. */
  static String summaryTables(RunData run) {
    StringBuilder b = new StringBuilder();
    if (run.metrics() != null && run.metrics().steps().length > 0) {
      MetricsCsv m = run.metrics();
      int last = m.steps().length - 1;
      b.append("<h3>metrics.csv</h3><p class=\"note\">").append(m.steps().length)
          .append(" rows; last row at step ").append(m.steps()[last]).append("</p>\n")
          .append("<table><thead><tr><th>column</th><th class=\"num\">last value</th>")
          .append("<th class=\"num\">min</th><th class=\"num\">max</th></tr></thead><tbody>\n");
      for (String col : m.columns()) {
        double[] v = m.column(col);
        b.append("<tr><td><code>").append(esc(col)).append("</code></td>")
            .append(numCell(lastFinite(v))).append(numCell(min(v))).append(numCell(max(v)))
            .append("</tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    if (!run.provenance().isEmpty()) {
      b.append("<h3>provenance.json</h3><table><tbody>\n");
      run.provenance().forEach((k, v) -> b.append("<tr><th><code>").append(esc(k))
          .append("</code></th><td><code>").append(esc(v)).append("</code></td></tr>\n"));
      b.append("</tbody></table>\n");
    }
    if (b.isEmpty()) {
      b.append("<p class=\"note\">No metrics.csv or provenance.json in this run directory.</p>\n");
    }
    return b.toString();
  }

  static String numCell(double v) {
    return "<td class=\"num\">" + esc(num(v)) + "</td>";
  }

  static long lastStep(Diagnostics d) {
    long last = -1;
    for (ScalarSeries s : d.scalars().values()) {
      last = Math.max(last, s.steps()[s.steps().length - 1]);
    }
    for (ParameterSeries p : d.parameters().values()) {
      last = Math.max(last, p.steps()[p.steps().length - 1]);
    }
    return last;
  }

  /** @return the last finite value (eval columns are empty on most rows), NaN if none */
  static double lastFinite(double[] v) {
    for (int i = v.length - 1; i >= 0; i--) {
      if (Double.isFinite(v[i])) {
        return v[i];
      }
    }
    return Double.NaN;
  }

  /** @return the smallest finite value, NaN if none */
  static double min(double[] v) {
    double m = Double.NaN;
    for (double x : v) {
      if (Double.isFinite(x) && !(x >= m)) {
        m = x;
      }
    }
    return m;
  }

  /** @return the largest finite value, NaN if none */
  static double max(double[] v) {
    double m = Double.NaN;
    for (double x : v) {
      if (Double.isFinite(x) && !(x <= m)) {
        m = x;
      }
    }
    return m;
  }
}
