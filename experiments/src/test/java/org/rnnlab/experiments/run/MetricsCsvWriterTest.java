package org.rnnlab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.UserError;

class MetricsCsvWriterTest {
  @TempDir Path dir;

  @Test
  void rowsAreVisibleOnDiskAsSoonAsTheyAreWritten() throws Exception {
    Path f = dir.resolve("metrics.csv");
    MetricsCsvWriter w = MetricsCsvWriter.create(f, MetricsCsvWriter.standardColumns(List.of("accuracy")));
    w.write(10, Map.of(MetricsCsvWriter.TRAIN_LOSS, 0.5, MetricsCsvWriter.LR, 1e-3, "eval_accuracy", 0.25));
    w.write(20, Map.of(MetricsCsvWriter.TRAIN_LOSS, Double.NaN));
    // not closed: a crash here must not lose the rows
    assertEquals(List.of("step,wall_time_s,lr,grad_norm,train_loss,eval_loss,eval_accuracy",
        "10,,0.001,,0.5,,0.25", "20,,,,NaN,,"), Files.readAllLines(f));
    w.close();
  }

  @Test
  void unknownColumnsAndNonIncreasingStepsAreRejected() throws Exception {
    try (MetricsCsvWriter w = MetricsCsvWriter.create(dir.resolve("m.csv"), List.of("a"))) {
      assertThrows(IllegalArgumentException.class, () -> w.write(1, Map.of("b", 1.0)));
      w.write(5, Map.of("a", 1.0));
      assertThrows(IllegalArgumentException.class, () -> w.write(5, Map.of("a", 1.0)));
    }
  }

  @Test
  void resumeDropsRowsAfterTheCheckpointAndAppends() throws Exception {
    Path f = dir.resolve("m.csv");
    try (MetricsCsvWriter w = MetricsCsvWriter.create(f, List.of("a"))) {
      for (long s = 10; s <= 40; s += 10) {
        w.write(s, Map.of("a", (double) s));
      }
    }
    try (MetricsCsvWriter w = MetricsCsvWriter.resume(f, List.of("a"), 20)) {
      w.write(30, Map.of("a", 3.0));
    }
    assertEquals(List.of("step,a", "10,10.0", "20,20.0", "30,3.0"), Files.readAllLines(f));
    assertThrows(UserError.class, () -> MetricsCsvWriter.resume(f, List.of("b"), 20));
  }

  @Test
  void wallTimeKeepsCountingFromTheLastKeptRowAfterAResume() throws Exception {
    Path f = dir.resolve("m.csv");
    List<String> columns = MetricsCsvWriter.standardColumns(List.of());
    try (MetricsCsvWriter w = MetricsCsvWriter.create(f, columns)) {
      w.write(10, Map.of(MetricsCsvWriter.WALL_TIME, 1.5));
      w.write(20, Map.of(MetricsCsvWriter.WALL_TIME, 3.0, MetricsCsvWriter.TRAIN_LOSS, 0.5));
      w.write(30, Map.of(MetricsCsvWriter.WALL_TIME, 4.5));
    }
    // resumed from step 20: the new session's clock starts at 0, the column continues from 3.0
    try (MetricsCsvWriter w = MetricsCsvWriter.resume(f, columns, 20)) {
      w.write(30, Map.of(MetricsCsvWriter.WALL_TIME, 0.25, MetricsCsvWriter.TRAIN_LOSS, 0.5));
    }
    assertEquals(List.of("step,wall_time_s,lr,grad_norm,train_loss,eval_loss", "10,1.5,,,,", "20,3.0,,,0.5,",
        "30,3.25,,,0.5,"), Files.readAllLines(f));
  }
}
