package org.rnnlab.experiments.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.experiments.UserError;
import org.rnnlab.experiments.bench.ActivationBudget;
import org.rnnlab.experiments.bench.BenchSpec;
import org.rnnlab.experiments.bench.MemoryProbe;
import org.rnnlab.experiments.bench.PhaseProfile;
import org.rnnlab.experiments.bench.StepTimes;
import org.rnnlab.experiments.bench.TrainingStepBench;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.UnknownPluginException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rnnlab bench}: median wall-clock milliseconds of one float32 training step (forward,
 * MSE over every output, BPTT, SGD) of a recurrent stack. <b>The last stdout line is the median
 * alone</b>; {@code bench/compare-pytorch.sh} parses it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Time a float32 training step (forward + MSE + backward + SGD) of a recurrent stack.",
        "Same step as bench/torch_step.py; the last output line is the median in milliseconds."})
final class BenchCommand implements Callable<Integer> {
  @Mixin DebugOption debugOption;

  @Option(names = "--cell", required = true, description = "Cell type key (rnn_tanh, lstm, gru, ...).")
  String cell;

  @Option(names = "--batch", required = true, description = "Batch size B.")
  int batch;

  @Option(names = "--seq", required = true, description = "Sequence length T.")
  int seq;

  @Option(names = "--input", required = true, description = "Input size I.")
  int input;

  @Option(names = "--hidden", required = true, description = "Hidden size H.")
  int hidden;

  @Option(names = "--layers", defaultValue = "1", description = "Stacked layers (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--threads", defaultValue = "1", description = "Kernel threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--warmup", defaultValue = "5", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--warmup-ms", defaultValue = "3000",
      description = "Keep warming up for at least this long, for the JIT (default ${DEFAULT-VALUE}).")
  long warmupMillis;

  @Option(names = "--memory", description = "Also measure heap use around one step (live, allocated, peak).")
  boolean memory;

  @Option(names = "--phases", description = "Also time the layer's phases (input projection, "
      + "forward steps, backward steps, weight gradients) over as many extra steps as --reps, "
      + "with JFR events.")
  boolean phases;

  @Option(names = "--reps", defaultValue = "15", description = "Timed steps (default ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of weights, inputs, targets (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--clock", defaultValue = "wall",
      description = "Time reported last: wall (default) or cpu (CPU time of all Java threads: caller and kernel pool).")
  String clock;

  @Option(names = "--quiet", description = "Print only the median.")
  boolean quiet;

  private final CliEnvironment env;

  BenchCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    BenchSpec spec;
    try {
      spec = new BenchSpec(cell, batch, seq, input, hidden, layers, threads, warmup, warmupMillis,
          reps, seed);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    if (!clock.equals("wall") && !clock.equals("cpu")) {
      throw new UserError("--clock: expected wall or cpu but got " + clock);
    }
    boolean cpuClock = clock.equals("cpu");
    CellFactory<?> factory;
    try {
      factory = env.catalog().get().registry().get(PluginFamily.CELL, cell);
    } catch (UnknownPluginException e) {
      throw new UserError(e.getMessage());
    }
    KernelOps ops = KernelOpsProvider.create(threads);
    MemoryProbe.Live baseline = memory ? MemoryProbe.live() : null;
    TrainingStepBench bench = new TrainingStepBench(spec, factory, ops);
    TrainingStepBench.Timings timings = bench.run();
    StepTimes times = cpuClock ? timings.cpu() : timings.wall();
    PrintStream out = env.out();
    if (memory) {
      printMemory(out, spec, MemoryProbe.measure(baseline, bench::runOnce));
    }
    if (phases) {
      printPhases(out, PhaseProfile.measure(bench::runOnce, reps), reps);
    }
    if (!quiet) {
      var runtime = ManagementFactory.getRuntimeMXBean();
      out.println("bench " + spec + " warmup=" + warmup + " reps=" + reps + " seed=" + seed);
      out.println("kernels " + ops.name() + " bitSize=" + ops.vectorBitSize() + " threads=" + ops.threads());
      out.println("jvm " + runtime.getVmName() + " " + Runtime.version() + " flags " + runtime.getInputArguments());
      out.printf(Locale.ROOT, "load average %.2f, %d cpus%n",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      out.println("wall times (ms) " + list(timings.wall()));
      out.println("cpu times (ms) " + list(timings.cpu()));
      out.printf(Locale.ROOT, "wall median %.3f ms, cpu median %.3f ms%n",
          timings.wall().median(), timings.cpu().median());
      out.printf(Locale.ROOT, "loss %.6f  min %.3f ms  max %.3f ms  median %s (ms):%n",
          bench.lastLoss(), times.min(), times.max(), clock);
    }
    out.printf(Locale.ROOT, "%.3f%n", times.median());
    return 0;
  }

  private static void printMemory(PrintStream out, BenchSpec spec, MemoryProbe.Result m) {
    long required = ActivationBudget.bytes(spec);
    out.printf(Locale.ROOT, "memory retained %.1f MB (heap in use after GC %.1f MB - baseline "
            + "%.1f MB), allocated per step %.1f MB, working set %.1f MB, heap pools' peak %.1f MB%n",
        mb(m.retainedBytes()), mb(m.live().heapBytes()), mb(m.baseline().heapBytes()),
        mb(m.stepAllocatedBytes()), mb(m.stepWorkingSetBytes()), mb(m.peakBytes()));
    boolean objects = m.live().objectBytes() >= 0 && m.baseline().objectBytes() >= 0;
    if (objects) {
      out.printf(Locale.ROOT, "memory in live objects: retained %.1f MB, working set %.1f MB "
              + "(the heap figure adds the collector's slack around them: G1's partly used "
              + "regions; with -XX:+UseSerialGC the two agree)%n",
          mb(m.retainedObjectBytes()), mb(m.stepWorkingSetObjectBytes()));
    }
    if (required > 0) {
      out.printf(Locale.ROOT, "memory required by BPTT %.1f MB = %s; working set / required = %.2f"
              + " (heap)%s%n", mb(required), ActivationBudget.formula(spec.cell()),
          (double) m.stepWorkingSetBytes() / required, objects ? String.format(Locale.ROOT,
              ", %.2f (objects)", (double) m.stepWorkingSetObjectBytes() / required) : "");
      long stepTensors = ActivationBudget.stepTensorBytes(spec);
      out.printf(Locale.ROOT, "memory of the step's target, y and dy %.1f MB: a step that keeps "
              + "them apart needs at least %.2f x required%n", mb(stepTensors),
          (double) (required + stepTensors) / required);
    }
  }

  private static void printPhases(PrintStream out, PhaseProfile.Result r, int steps) {
    out.printf(Locale.ROOT, "phases (ms per step, mean of %d steps of %.3f ms):", steps,
        r.stepMillis());
    r.phases().forEach((name, ms) -> out.printf(Locale.ROOT, " %s %.3f (%.1f %%),", name, ms,
        100 * ms / r.stepMillis()));
    out.printf(Locale.ROOT, " outside the layer %.3f (%.1f %%)%n", r.outsideMillis(),
        100 * r.outsideMillis() / r.stepMillis());
  }

  private static List<String> list(StepTimes t) {
    return Arrays.stream(t.millis()).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).toList();
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }
}
