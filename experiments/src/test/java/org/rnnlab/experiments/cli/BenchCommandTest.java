package org.rnnlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rnnlab bench}: the output contract bench/compare-pytorch.sh relies on. */
class BenchCommandTest {
  private static final String[] TINY = {"bench", "--cell", "lstm", "--batch", "2", "--seq", "3",
      "--input", "4", "--hidden", "5", "--warmup", "1", "--warmup-ms", "0", "--reps", "3"};

  private static String[] with(String... extra) {
    String[] args = java.util.Arrays.copyOf(TINY, TINY.length + extra.length);
    System.arraycopy(extra, 0, args, TINY.length, extra.length);
    return args;
  }

  @Test
  void quietBenchPrintsOnlyThePositiveMedian() {
    CliRunner.Result r = CliRunner.run(with("--quiet"));
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(1, lines.size(), r.out());
    assertTrue(Double.parseDouble(lines.get(0)) > 0, r.out());
  }

  @Test
  void verboseBenchEndsWithTheMedianAndReportsMemoryAgainstTheBudget() {
    CliRunner.Result r = CliRunner.run(with("--memory", "--clock", "cpu"));
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(Double.parseDouble(lines.get(lines.size() - 1)) >= 0, r.out());
    assertTrue(r.out().contains("kernels "), r.out());
    assertTrue(r.out().contains("memory required by BPTT"), r.out());
    assertTrue(r.out().contains("memory of the step's target, y and dy"), r.out());
  }

  @Test
  void unknownCellAndBadSizesAreUserErrors() {
    assertEquals(2, CliRunner.run("bench", "--cell", "nope", "--batch", "1", "--seq", "1",
        "--input", "1", "--hidden", "1", "--quiet").code());
    CliRunner.Result zero = CliRunner.run("bench", "--cell", "lstm", "--batch", "0", "--seq", "1",
        "--input", "1", "--hidden", "1");
    assertEquals(2, zero.code());
    assertTrue(zero.err().contains("batch: expected >= 1 but got 0"), zero.err());
  }
}
