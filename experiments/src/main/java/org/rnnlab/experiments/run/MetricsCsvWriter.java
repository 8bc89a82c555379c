package org.rnnlab.experiments.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnlab.experiments.UserError;

/**
 * Writes {@code metrics.csv}: a header {@code step,<columns...>}, then one row per logged step,
 * flushed as soon as it is written so a crash loses nothing already reported. Missing values
 * are empty cells; non-finite values are written as {@code NaN}/{@code Infinity} on purpose.
 * Doubles use {@link Double#toString}, the shortest text that reads back to the same value.
 * Not thread-safe.
 */
public final class MetricsCsvWriter implements Closeable {
  /**
   * Seconds of training since the run started. Trainers pass seconds since their own session
   * started; after a resume the writer adds the value of the last row kept from earlier sessions,
   * so the column keeps counting across sessions (time between sessions is not counted).
   */
  public static final String WALL_TIME = "wall_time_s";
  /** Learning rate used for the step. */
  public static final String LR = "lr";
  /** Global gradient norm before clipping. */
  public static final String GRAD_NORM = "grad_norm";
  /** Training loss of the step's batch. */
  public static final String TRAIN_LOSS = "train_loss";
  /** Loss on the held-out batches (only on evaluation steps). */
  public static final String EVAL_LOSS = "eval_loss";

  private final BufferedWriter out;
  private final List<String> columns;
  private final Set<String> known;
  private long lastStep = -1;
  private double wallTimeOffset;
  /** The values of the last row {@link #resume} kept from an earlier session, by column. */
  private Map<String, Double> resumedRow = Map.of();

  private MetricsCsvWriter(BufferedWriter out, List<String> columns) {
    this.out = out;
    this.columns = List.copyOf(columns);
    this.known = Set.copyOf(columns);
  }

  /**
   * @param evalMetrics names of extra evaluation metrics (spec {@code training.metrics})
   * @return the standard columns: wall time, lr, grad norm, train loss, eval loss, then
   *     {@code eval_<metric>} for each metric
   */
  public static List<String> standardColumns(List<String> evalMetrics) {
    List<String> c = new ArrayList<>(List.of(WALL_TIME, LR, GRAD_NORM, TRAIN_LOSS, EVAL_LOSS));
    evalMetrics.forEach(m -> c.add("eval_" + m));
    return c;
  }

  /**
   * Starts a new file (replacing any existing one).
   *
   * @param file the CSV file
   * @param columns value columns after {@code step}
   * @return the writer
   * @throws UserError when the file cannot be written
   */
  public static MetricsCsvWriter create(Path file, List<String> columns) {
    try {
      BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      MetricsCsvWriter m = new MetricsCsvWriter(w, columns);
      m.line(header(columns));
      return m;
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + RunDirectory.reason(e), e);
    }
  }

  /**
   * Continues a file after resuming from the checkpoint at {@code resumedStep}: rows of later
   * steps (written after that checkpoint, and about to be recomputed identically) are dropped so
   * each step appears once.
   *
   * @param file an existing metrics file, or a missing one (then it is created)
   * @param columns value columns after {@code step}; must equal the file's header
   * @param resumedStep the step of the checkpoint resumed from
   * @return the writer, appending
   * @throws UserError when the file cannot be read or its header differs
   */
  public static MetricsCsvWriter resume(Path file, List<String> columns, long resumedStep) {
    if (!Files.exists(file)) {
      return create(file, columns);
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.getFirst().equals(header(columns))) {
        throw new UserError(file + " has columns [" + (lines.isEmpty() ? "" : lines.getFirst())
            + "] but this run writes [" + header(columns) + "]");
      }
      List<String> kept = new ArrayList<>();
      kept.add(lines.getFirst());
      int wallColumn = 1 + columns.indexOf(WALL_TIME);
      double wallTime = 0;
      Map<String, Double> lastKept = Map.of();
      for (String l : lines.subList(1, lines.size())) {
        String step = l.substring(0, Math.max(0, l.indexOf(',')));
        if (!step.isEmpty() && Long.parseLong(step) <= resumedStep) {
          kept.add(l);
          String[] cells = l.split(",", -1);
          if (wallColumn > 0 && wallColumn < cells.length && !cells[wallColumn].isEmpty()) {
            wallTime = Double.parseDouble(cells[wallColumn]);
          }
          lastKept = values(columns, cells);
        }
      }
      AtomicText.writeAtomically(file, String.join("\n", kept) + "\n");
      MetricsCsvWriter m = new MetricsCsvWriter(
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND), columns);
      m.lastStep = resumedStep;
      m.wallTimeOffset = wallTime;
      m.resumedRow = lastKept;
      return m;
    } catch (IOException | NumberFormatException e) {
      throw new UserError("cannot continue " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the non-empty cells of a row split at commas, by column name */
  private static Map<String, Double> values(List<String> columns, String[] cells) {
    Map<String, Double> row = new java.util.LinkedHashMap<>();
    for (int c = 0; c < columns.size() && c + 1 < cells.length; c++) {
      if (!cells[c + 1].isEmpty()) {
        row.put(columns.get(c), Double.parseDouble(cells[c + 1]));
      }
    }
    return row;
  }

  /**
   * @return the values of the last row {@link #resume} kept from an earlier session, by column
   *     ({@link #WALL_TIME} as stored); empty for a new file
   */
  public Map<String, Double> resumedRow() {
    return resumedRow;
  }

  /** @return the value columns, in file order */
  public List<String> columns() {
    return columns;
  }

  /**
   * Appends one row and flushes it.
   *
   * @param step the step; must increase from row to row
   * @param values column name to value; absent columns stay empty
   * @throws IllegalArgumentException for an unknown column or a step that does not increase
   */
  public void write(long step, Map<String, Double> values) {
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("metrics.csv has no column '" + k + "'; columns: " + columns);
      }
    }
    if (step <= lastStep) {
      throw new IllegalArgumentException("metrics.csv rows must have increasing steps: " + step + " after " + lastStep);
    }
    StringBuilder sb = new StringBuilder().append(step);
    for (String c : columns) {
      sb.append(',');
      Double v = values.get(c);
      if (v != null && c.equals(WALL_TIME)) {
        v += wallTimeOffset;
      }
      if (v != null) {
        sb.append(v);
      }
    }
    try {
      line(sb.toString());
    } catch (IOException e) {
      throw new UserError("cannot append to metrics.csv: " + RunDirectory.reason(e), e);
    }
    lastStep = step;
  }

  private void line(String s) throws IOException {
    out.write(s);
    out.write('\n');
    out.flush();
  }

  private static String header(List<String> columns) {
    return "step," + String.join(",", columns);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
