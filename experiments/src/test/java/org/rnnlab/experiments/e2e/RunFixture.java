package org.rnnlab.experiments.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.experiments.checkpoint.CheckpointReader;
import org.rnnlab.experiments.checkpoint.CheckpointStore;
import org.rnnlab.experiments.cli.CliEnvironment;
import org.rnnlab.experiments.cli.RnnlabCli;
import org.rnnlab.experiments.run.MetricsCsvWriter;
import org.rnnlab.experiments.run.TrainerLookup;
import org.rnnlab.experiments.spec.TestCatalog;

/**
 * End-to-end helpers: runs the real CLI with the real trainer in-process, and reads what a run
 * leaves behind (final parameters, metrics rows without the wall-clock column). Public for the
 * tests in other packages that need a trained checkpoint.
 */
public final class RunFixture {
  /** Fixed clock so run directory names are predictable. */
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  /**
   * A small adding-problem LSTM run (T=20, H=8, batch 8, 40 steps) that takes well under a second
   * once the JVM is warm; checkpoints every 10 steps, metrics every 5, evaluation every 20.
   */
  public static final String SMALL = """
      model:
        cell: {type: lstm}
        hidden_size: 8
      task: {type: adding, seq_len: 20}
      loss: {type: mse}
      optimizer: {type: adam, lr: 1.0e-2}
      regularizers:
        - {type: clip_norm, max_norm: 1.0}
      training:
        steps: 40
        batch_size: 8
        eval_every: 20
        eval_batches: 2
        log_every: 5
      checkpoint: {every: 10, keep_last: 3}
      seed: 7
      """;

  /**
   * The outcome of one CLI invocation.
   *
   * @param code exit code
   * @param out standard output
   * @param err standard error
   */
  public record Result(int code, String out, String err) {}

  private RunFixture() {}

  /** Runs {@code rnnlab ARGS} in-process with the ServiceLoader trainer and every plugin on the test class path. */
  public static Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), TestCatalog::get, TrainerLookup::find, CLOCK);
    int code = RnnlabCli.execute(args, env);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs and fails the test with the captured streams unless the exit code is 0. */
  public static Result cliOk(String... args) {
    Result r = cli(args);
    assertEquals(0, r.code(), () -> "rnnlab " + String.join(" ", args) + " failed:\n" + r.err());
    return r;
  }

  /** Writes {@code yaml} to {@code dir/name.yaml}; the run directories are then named after {@code name}. */
  public static Path writeSpec(Path dir, String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name + ".yaml"), yaml);
  }

  /** @return the single run directory under {@code out} */
  public static Path onlyRun(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      List<Path> runs = s.filter(Files::isDirectory).toList();
      assertEquals(1, runs.size(), "run directories under " + out + ": " + runs);
      return runs.getFirst();
    }
  }

  /** @return the checkpoint files of a run, oldest first */
  public static List<Path> checkpoints(Path run) {
    return new CheckpointStore(run.resolve("checkpoints"), 1).list();
  }

  /** @return the parameters of the run's newest checkpoint */
  public static Map<String, Tensor> finalParams(Path run) {
    List<Path> files = checkpoints(run);
    return CheckpointReader.read(files.getLast()).params();
  }

  /** @return metrics.csv lines with the wall-time column removed (the only one that may differ) */
  public static List<String> metricsWithoutWallTime(Path run) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
    int wall = Arrays.asList(lines.getFirst().split(",", -1)).indexOf(MetricsCsvWriter.WALL_TIME);
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      List<String> cells = new ArrayList<>(Arrays.asList(l.split(",", -1)));
      cells.remove(wall);
      out.add(String.join(",", cells));
    }
    return out;
  }

  /** Asserts equal names, shapes and float bits (so -0.0 vs 0.0 or NaN payloads count as different). */
  public static void assertBitIdentical(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "parameter names");
    expected.forEach((name, e) -> {
      Tensor a = actual.get(name);
      assertArrayEquals(e.shape(), a.shape(), name);
      for (int i = 0; i < e.size(); i++) {
        if (Double.doubleToRawLongBits(e.get(i)) != Double.doubleToRawLongBits(a.get(i))) {
          throw new AssertionError(name + "[" + i + "]: expected " + e.get(i) + " but was " + a.get(i));
        }
      }
    });
  }

  /** @return whether any element of any parameter differs */
  public static boolean anyDifference(Map<String, Tensor> a, Map<String, Tensor> b) {
    for (var e : a.entrySet()) {
      Tensor x = e.getValue();
      Tensor y = b.get(e.getKey());
      for (int i = 0; i < x.size(); i++) {
        if (Double.doubleToRawLongBits(x.get(i)) != Double.doubleToRawLongBits(y.get(i))) {
          return true;
        }
      }
    }
    return false;
  }
}
