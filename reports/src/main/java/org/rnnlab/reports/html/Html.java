package org.rnnlab.reports.html;

import java.util.Locale;
import org.rnnlab.reports.analysis.GradientFlowVerdict;
import org.rnnlab.reports.analysis.GradientFlowVerdict.Verdict;

/** HTML text helpers and the one stylesheet every page embeds (no external resources). */
final class Html {
  static final String CSS = """
      :root { --fg:#222; --muted:#666; --line:#e3e3e3; --bg:#f6f7f9; --card:#fff; }
      * { box-sizing: border-box; }
      body { margin:0; background:var(--bg); color:var(--fg);
        font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
      header { background:#1f2937; color:#fff; padding:20px 32px; }
      header h1 { margin:0; font-size:22px; font-weight:600; }
      header p { margin:4px 0 0; color:#cbd5e1; font-size:13px; word-break:break-all; }
      main { max-width:1240px; margin:0 auto; padding:20px 24px 40px; }
      section { background:var(--card); border:1px solid var(--line); border-radius:8px;
        padding:16px 20px; margin:0 0 20px; }
      h2 { font-size:18px; margin:0 0 12px; font-weight:600; }
      h3 { font-size:15px; margin:12px 0 6px; font-weight:600; }
      p.note, .muted { color:var(--muted); font-size:13px; }
      table { border-collapse:collapse; width:100%; font-size:13px; margin:4px 0 8px; }
      th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line);
        vertical-align:top; }
      th { background:#fafafa; font-weight:600; }
      td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
      tbody tr:nth-child(even) td { background:#fcfcfd; }
      .badge { display:inline-block; padding:1px 9px; border-radius:10px; font-size:12px;
        font-weight:700; letter-spacing:.02em; color:#fff; }
      .badge.healthy { background:#2e7d32; } .badge.vanishing { background:#b26a00; }
      .badge.exploding { background:#c62828; } .badge.unknown { background:#757575; }
      .alert { border-left:4px solid #c62828; background:#fdecea; padding:10px 14px;
        border-radius:4px; margin:0 0 16px; }
      .warn { border-left:4px solid #b26a00; background:#fff4e5; padding:10px 14px;
        border-radius:4px; margin:0 0 16px; font-size:13px; }
      .facts { display:flex; flex-wrap:wrap; gap:12px; margin:0; }
      .fact { border:1px solid var(--line); border-radius:6px; padding:8px 14px; min-width:150px; }
      .fact b { display:block; font-size:18px; font-weight:600; }
      .fact > span { color:var(--muted); font-size:12px; }
      .grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(540px, 1fr)); gap:16px; }
      .cols { display:grid; gap:16px; }
      figure { margin:0; }
      figure svg { width:100%; height:auto; display:block; }
      figcaption { color:var(--muted); font-size:12px; margin:2px 8px 0 60px; }
      code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size:12px; }
      footer { color:var(--muted); font-size:12px; max-width:1240px; margin:0 auto;
        padding:0 24px 32px; }
      """;

  private Html() {}

  /**
   * @param s text
   * @return {@code s} with {@code & < > " '} escaped
   */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * @param v a number
   * @return three significant digits, or an en dash for NaN
   */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /**
   * @param v a verdict
   * @return a coloured badge
   */
  static String badge(Verdict v) {
    String name = v.name().toLowerCase(Locale.ROOT);
    return "<span class=\"badge " + name + "\">" + v.name() + "</span>";
  }

  /**
   * @param title page title
   * @param heading header line
   * @param subheading small line under the header
   * @param body the {@code <main>} content
   * @param footer footer HTML
   * @return the whole document
   */
  static String page(String title, String heading, String subheading, String body,
      String footer) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n"
        + "<header><h1>" + esc(heading) + "</h1><p>" + esc(subheading) + "</p></header>\n"
        + "<main>\n" + body + "</main>\n<footer>" + footer + "</footer>\n</body>\n</html>\n";
  }

  /**
   * @param c a chart
   * @return it as a figure with caption
   */
  static String figure(SvgChart c) {
    return "<figure>" + c.svg() + (c.caption().isEmpty() ? ""
        : "<figcaption>" + esc(c.caption()) + "</figcaption>") + "</figure>\n";
  }

  /** @return the paragraph explaining how verdicts are made */
  static String verdictNote() {
    return "<p class=\"note\">Verdicts use the mean ||dL/dh<sub>t</sub>|| of the last "
        + GradientFlowVerdict.WINDOW + " recorded steps, aligned by distance from the last "
        + "processed step. VANISHING: the earliest step gets &le; 10<sup>"
        + (int) GradientFlowVerdict.VANISHING_DECADES + "</sup> of the last step's gradient "
        + "(raw ratio or fitted log-linear trend). EXPLODING: it grows &ge; 10&times; back "
        + "through time, any norm exceeds " + num(GradientFlowVerdict.HUGE_NORM)
        + " or is non-finite. Horizon: steps back until the gradient drops below 10<sup>-3</sup> "
        + "of its last-step value.</p>\n";
  }
}
