package org.rnnlab.reports.html;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Axis labels for log-scale axes: plain decimals with up to three significant digits between
 * 0.001 and 10000 ({@code 0.25}, {@code 40}), compact scientific notation outside
 * ({@code 1e-07}, {@code 2.5e+06}). Formatting only; parsing is not supported.
 */
final class ShortNumberFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;

  @Override
  public StringBuffer format(double v, StringBuffer out, FieldPosition pos) {
    double a = Math.abs(v);
    if (v == 0 || (a >= 1e-3 && a < 1e4)) {
      String s = String.format(Locale.ROOT, "%.3g", v);
      // "%.3g" keeps trailing zeros (0.250, 40.0); drop them and a bare decimal point
      if (s.contains(".")) {
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return out.append(s);
    }
    return out.append(String.format(Locale.ROOT, "%.2g", v).replace("e-0", "e-")
        .replace("e+0", "e+"));
  }

  @Override
  public StringBuffer format(long v, StringBuffer out, FieldPosition pos) {
    return format((double) v, out, pos);
  }

  @Override
  public Number parse(String source, ParsePosition pos) {
    throw new UnsupportedOperationException("ShortNumberFormat only formats");
  }
}
