package org.rnnlab.reports.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunInputsTest {
  @TempDir Path dir;

  @Test
  void provenanceIsFlattenedToDottedKeysInDocumentOrder() {
    Object json = MiniJson.parse("""
        {"seed": 42, "spec": {"cell": {"type": "lstm", "bias": true}, "lr": 1e-3},
         "tags": ["a", "b\\u00e9\\n"], "runs": [{"x": 1}], "note": null}""");
    Map<String, String> flat = new LinkedHashMap<>();
    MiniJson.flatten(json, "", flat);
    assertEquals(List.of("seed", "spec.cell.type", "spec.cell.bias", "spec.lr", "tags", "runs",
        "note"), List.copyOf(flat.keySet()));
    assertEquals("42", flat.get("seed"));
    assertEquals("0.001", flat.get("spec.lr"));
    assertEquals("a, bé\n", flat.get("tags"));
    assertEquals("[1 items]", flat.get("runs"));
    assertEquals("null", flat.get("note"));
  }

  @Test
  void malformedJsonNamesTheOffset() {
    assertEquals("JSON: expected a string key at offset 9",
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\": 1, }"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("[1, 2] x"));
    assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("\"open"));
  }

  @Test
  void metricsColumnsAreFoundByHeaderNotPosition() throws IOException {
    Path csv = dir.resolve("metrics.csv");
    Files.writeString(csv, "train_loss,step,eval_loss\n2.5,0,3.0\n1.5,10,\n1.0,20,nan\n");
    MetricsCsv m = MetricsCsv.read(csv);
    assertEquals(List.of("train_loss", "eval_loss"), m.columns());
    assertArrayEquals(new long[] {0, 10, 20}, m.steps());
    assertArrayEquals(new double[] {2.5, 1.5, 1.0}, m.column("train_loss"));
    assertTrue(Double.isNaN(m.column("eval_loss")[1]) && Double.isNaN(m.column("eval_loss")[2]));
    assertNull(m.column("accuracy"));
  }

  @Test
  void metricsErrorsNameFileLineAndColumn() throws IOException {
    Path csv = dir.resolve("metrics.csv");
    Files.writeString(csv, "step,loss\n0,1.0\n1,abc\n");
    IOException e = assertThrows(IOException.class, () -> MetricsCsv.read(csv));
    assertTrue(e.getMessage().endsWith(":3: column loss holds [abc], not a number"), e.getMessage());
    Files.writeString(csv, "epoch,loss\n0,1.0\n");
    assertTrue(assertThrows(IOException.class, () -> MetricsCsv.read(csv)).getMessage()
        .contains("has no 'step' column"));
  }
}
