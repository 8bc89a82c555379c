package org.rnnlab.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.testkit.TensorComparison;
import org.rnnlab.testkit.parity.OptimizerParity;
import org.rnnlab.testkit.parity.ParityFixture;
import org.rnnlab.testkit.parity.RecurrentParity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnlab parity FILE.h5...}: replays PyTorch reference fixtures (recurrent layers or
 * optimizers, format in the parity README) and prints, per tensor, the max absolute and relative
 * error and PASS/FAIL. Exit code 0 when all pass, 1 on any FAIL, 2 when a file is unreadable or
 * malformed (each such file named in one line; the others still run).
 */
@Command(name = "parity", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Check rnnlab against PyTorch reference fixtures (recurrent or optimizer .h5 files).",
        "Prints max abs/rel error per tensor and PASS/FAIL; exit 1 on any FAIL, 2 on a malformed file.",
        "Recurrent tolerance: |a-e| <= sqrt(T) (1e-6 + 1e-5 |e|), float32; optimizer: 1e-10 + 1e-9 |e|, float64."})
final class ParityCommand implements Callable<Integer> {
  @Mixin DebugOption debugOption;

  @Parameters(arity = "1..*", paramLabel = "FILE.h5", description = "Parity fixtures.")
  List<Path> files;

  @Option(names = "--threads", defaultValue = "1", description = "Kernel threads (results do not depend on it).")
  int threads;

  @Option(names = "--verbose", description = "Print every tensor, not only a per-fixture summary and failures.")
  boolean verbose;

  private final CliEnvironment env;

  ParityCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PluginRegistry registry = env.catalog().get().registry();
    KernelOps ops = KernelOpsProvider.create(threads);
    PrintStream out = env.out();
    boolean malformed = false;
    boolean failed = false;
    for (Path file : files) {
      List<TensorComparison> comparisons;
      String title;
      try {
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException("no such file");
        }
        String kind = ParityFixture.kind(file);
        switch (kind) {
          case "recurrent" -> {
            ParityFixture f = ParityFixture.read(file);
            RecurrentParity.Result r = RecurrentParity.run(f, registry, ops);
            comparisons = r.comparisons();
            title = String.format(Locale.ROOT, "%s (%s, I=%d H=%d layers=%d %s B=%d T=%d%s, kernels=%s)",
                file.getFileName(), f.cell(), f.inputSize(), f.hiddenSize(), f.numLayers(),
                f.bidirectional() ? "bidirectional" : "unidirectional", f.batch(), f.steps(),
                f.lengths() == null ? "" : " with lengths", ops.name());
          }
          case "optimizer" -> {
            OptimizerParity.Result r = OptimizerParity.run(file, registry);
            comparisons = r.comparisons();
            title = file.getFileName() + " (" + r.optimizer() + ", float64)";
          }
          default -> throw new IllegalArgumentException("unknown kind '" + kind + "' (expected recurrent or optimizer)");
        }
      } catch (RuntimeException e) {
        env.err().println("rnnlab: " + file + ": malformed or unreadable parity fixture: " + oneLine(e));
        malformed = true;
        continue;
      }
      boolean pass = comparisons.stream().allMatch(TensorComparison::passes);
      failed |= !pass;
      out.println(title);
      for (TensorComparison c : comparisons) {
        if (verbose || !c.passes() || comparisons.size() <= 12) {
          out.printf(Locale.ROOT, "  %-28s max_abs %.3e  max_rel %.3e  %s%n", c.name(), c.maxAbs(), c.maxRel(),
              c.passes() ? "ok" : "FAIL (worst/allowed " + String.format(Locale.ROOT, "%.3g", c.worstRatio()) + ")");
        }
      }
      double maxAbs = comparisons.stream().mapToDouble(TensorComparison::maxAbs).max().orElse(0);
      double maxRel = comparisons.stream().mapToDouble(TensorComparison::maxRel).max().orElse(0);
      out.printf(Locale.ROOT, "  %d tensors, max_abs %.3e, max_rel %.3e: %s%n", comparisons.size(), maxAbs, maxRel,
          pass ? "PASS" : "FAIL");
    }
    return malformed ? 2 : failed ? 1 : 0;
  }

  private static String oneLine(Throwable e) {
    Throwable t = e;
    String msg = t.getMessage();
    while ((msg == null || msg.isBlank()) && t.getCause() != null) {
      t = t.getCause();
      msg = t.getMessage();
    }
    return (msg == null ? t.getClass().getSimpleName() : msg).lines().findFirst().orElse("");
  }
}
