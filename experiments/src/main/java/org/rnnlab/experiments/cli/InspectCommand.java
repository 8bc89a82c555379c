package org.rnnlab.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.experiments.checkpoint.Checkpoint;
import org.rnnlab.experiments.checkpoint.CheckpointException;
import org.rnnlab.experiments.checkpoint.CheckpointReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnlab inspect CHECKPOINT.h5...}: counters, tensors with summary statistics, RNG
 * positions, spec, provenance. Several files (a shell glob over {@code checkpoints/}) are printed
 * one after another; an unreadable one is reported in one line and the others are still shown,
 * with exit code 2 at the end.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Print the contents of checkpoints: step, tensors, RNG positions, spec and provenance.")
final class InspectCommand implements Callable<Integer> {
  @Mixin DebugOption debugOption;

  @Parameters(arity = "1..*", paramLabel = "CHECKPOINT.h5", description = "Checkpoint files.")
  List<Path> files;

  @Option(names = "--no-spec", description = "Omit the spec and provenance texts.")
  boolean noSpec;

  private final CliEnvironment env;

  InspectCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (files.size() == 1) {
      print(files.getFirst());
      return 0;
    }
    int code = 0;
    for (int i = 0; i < files.size(); i++) {
      if (i > 0) {
        env.out().println();
      }
      try {
        print(files.get(i));
      } catch (CheckpointException e) {
        env.err().println("rnnlab: " + e.getMessage());
        code = ErrorHandler.USER_ERROR;
      }
    }
    return code;
  }

  private void print(Path file) {
    Checkpoint c = CheckpointReader.read(file);
    PrintStream out = env.out();
    out.printf(Locale.ROOT, "checkpoint %s (format_version %d)%n", file, Checkpoint.FORMAT_VERSION);
    out.printf(Locale.ROOT, "step %d, epoch %d, data_position %d%n", c.step(), c.epoch(), c.dataPosition());
    tensors(out, "params", c.params());
    tensors(out, "optimizer", c.optimizerState());
    out.println("rng (" + c.rng().size() + " streams)");
    c.rng().forEach((k, v) -> out.printf(Locale.ROOT, "  %-34s position %d%n", k, v));
    if (!noSpec) {
      out.println("spec");
      c.spec().lines().forEach(l -> out.println("  " + l));
      out.println("provenance");
      c.provenance().lines().forEach(l -> out.println("  " + l));
    }
  }

  private static void tensors(PrintStream out, String title, Map<String, Tensor> tensors) {
    long total = tensors.values().stream().mapToLong(Tensor::size).sum();
    out.printf(Locale.ROOT, "%s (%d tensors, %d values)%n", title, tensors.size(), total);
    tensors.forEach((name, t) -> {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sq = 0;
      for (int i = 0; i < t.size(); i++) {
        double v = t.get(i);
        min = Math.min(min, v);
        max = Math.max(max, v);
        sq += v * v;
      }
      out.printf(Locale.ROOT, "  %-34s %-8s %-12s norm %.6g min %.6g max %.6g%n", name,
          t.dtype().toString().toLowerCase(Locale.ROOT), Arrays.toString(t.shape()), Math.sqrt(sq), min, max);
    });
  }
}
