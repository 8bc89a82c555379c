package org.rnnlab.reports.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.reports.analysis.GradientFlowVerdict;
import org.rnnlab.reports.diag.Diagnostics;
import org.rnnlab.reports.diag.DiagnosticsStore;

/**
 * Everything a report shows about one run directory: {@code diagnostics.h5},
 * {@code provenance.json} and {@code metrics.csv}, each optional. A missing or unreadable file
 * becomes a warning shown in the report rather than a failed report.
 *
 * @param name display name (the directory name)
 * @param dir the run directory
 * @param diagnostics the diagnostics, or null
 * @param provenance flattened provenance fields in document order (empty when absent)
 * @param metrics the metrics table, or null
 * @param verdicts one gradient-flow verdict per layer/direction
 * @param warnings problems met while loading
 */
record RunData(String name, Path dir, Diagnostics diagnostics, Map<String, String> provenance,
    MetricsCsv metrics, List<GradientFlowVerdict> verdicts, List<String> warnings) {

  static final String DIAGNOSTICS_FILE = "diagnostics.h5";
  static final String PROVENANCE_FILE = "provenance.json";
  static final String METRICS_FILE = "metrics.csv";

  /**
   * @param dir a run directory
   * @return what could be loaded from it
   * @throws IOException when {@code dir} is not a directory
   */
  static RunData load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("run directory " + dir + " does not exist");
    }
    List<String> warnings = new ArrayList<>();
    Diagnostics diagnostics = null;
    Path diagFile = dir.resolve(DIAGNOSTICS_FILE);
    if (Files.exists(diagFile)) {
      try {
        diagnostics = DiagnosticsStore.read(diagFile);
      } catch (IOException e) {
        warnings.add(e.getMessage());
      }
    } else {
      warnings.add("no " + DIAGNOSTICS_FILE + " in this run directory");
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    Path provFile = dir.resolve(PROVENANCE_FILE);
    if (Files.exists(provFile)) {
      try {
        MiniJson.flatten(MiniJson.parse(Files.readString(provFile)), "", provenance);
      } catch (IllegalArgumentException e) {
        warnings.add(PROVENANCE_FILE + ": " + e.getMessage());
      }
    }
    MetricsCsv metrics = null;
    Path metricsFile = dir.resolve(METRICS_FILE);
    if (Files.exists(metricsFile)) {
      try {
        metrics = MetricsCsv.read(metricsFile);
      } catch (IOException e) {
        warnings.add(e.getMessage());
      }
    }
    List<GradientFlowVerdict> verdicts = new ArrayList<>();
    if (diagnostics != null) {
      diagnostics.hiddenGradients().forEach((layer, s) ->
          verdicts.add(GradientFlowVerdict.assess(layer, s)));
    }
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return new RunData(name == null ? dir.toString() : name.toString(), dir, diagnostics,
        provenance, metrics, List.copyOf(verdicts), List.copyOf(warnings));
  }
}
