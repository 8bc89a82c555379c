package org.rnnlab.reports.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run's {@code metrics.csv}: a header {@code step,<name>,<name>...} then one row per logged
 * step. Columns are found by header name, never by position; empty cells and {@code nan} read
 * as NaN (an eval column is empty on steps without evaluation).
 *
 * @param columns metric column names (without {@code step})
 * @param steps the step of each row
 * @param values {@code values[column][row]}
 */
record MetricsCsv(List<String> columns, long[] steps, double[][] values) {

  /**
   * @param file the csv file
   * @return its contents
   * @throws IOException when unreadable or when the header lacks a {@code step} column or a row
   *     has the wrong number of cells
   */
  static MetricsCsv read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IOException(file + ": empty metrics file");
    }
    List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::strip).toList();
    int stepCol = header.indexOf("step");
    if (stepCol < 0) {
      throw new IOException(file + ": header " + header + " has no 'step' column");
    }
    List<String> names = new ArrayList<>(header);
    names.remove(stepCol);
    int rows = lines.size() - 1;
    long[] steps = new long[rows];
    double[][] values = new double[names.size()][rows];
    for (int r = 0; r < rows; r++) {
      String[] cells = lines.get(r + 1).split(",", -1);
      if (cells.length != header.size()) {
        throw new IOException(file + ":" + (r + 2) + ": expected " + header.size()
            + " cells but got " + cells.length);
      }
      int c = 0;
      for (int i = 0; i < cells.length; i++) {
        String cell = cells[i].strip();
        try {
          if (i == stepCol) {
            steps[r] = (long) Double.parseDouble(cell);
          } else {
            values[c++][r] = cell.isEmpty() || cell.equalsIgnoreCase("nan") ? Double.NaN
                : Double.parseDouble(cell);
          }
        } catch (NumberFormatException e) {
          throw new IOException(file + ":" + (r + 2) + ": column " + header.get(i)
              + " holds [" + cell + "], not a number", e);
        }
      }
    }
    return new MetricsCsv(List.copyOf(names), steps, values);
  }

  /**
   * @param name a column name
   * @return its values, or null when absent
   */
  double[] column(String name) {
    int i = columns.indexOf(name);
    return i < 0 ? null : values[i];
  }
}
