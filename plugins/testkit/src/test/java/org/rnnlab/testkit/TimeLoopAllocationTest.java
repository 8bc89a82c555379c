package org.rnnlab.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.cell.ElmanCell;
import org.rnnlab.plugins.cell.GruCell;
import org.rnnlab.plugins.cell.GruConfig;
import org.rnnlab.plugins.cell.LstmCell;
import org.rnnlab.plugins.cell.LstmConfig;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;

/**
 * The built-in cells' sequence path allocates nothing inside the time loop: a training pass
 * over {@code 2T} steps allocates no more than one over {@code T} steps, apart from the tensors
 * the stack returns ({@code y}, and {@code dx} when asked for), whose size grows with {@code T}.
 * Measured with the calling thread's allocation counter on the scalar reference kernels, which
 * run everything on the caller and allocate nothing themselves, so what is counted is the
 * layer's own code (runner, drivers, cells, caches) and the kernels' portable defaults. (The
 * Vector API kernels allocate nothing in the time loop on one thread; on more, each parallel
 * call hands its workers a job of ~230 bytes with its counters: see
 * kernels-simd/BENCHMARKS-KERNELS.md, "Session 7".)
 */
class TimeLoopAllocationTest {
  private static final KernelOps OPS = KernelOpsProvider.scalar();
  private static final int B = 3;
  private static final int I = 5;
  private static final int H = 7;
  private static final int T = 40;
  /** Slack per step for counter granularity; one object per step is at least 16 bytes. */
  private static final double SLACK_PER_STEP = 4;

  static Stream<Arguments> cells() {
    return Stream.of(
        Arguments.of("lstm", LstmCell.FACTORY, LstmConfig.defaults()),
        Arguments.of("gru", GruCell.FACTORY, GruConfig.defaults()),
        Arguments.of("rnn_tanh", ElmanCell.factory(Activation.TANH), new NoConfig()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void trainingPassesAllocateNothingPerStep(String name, CellFactory<?> factory,
      PluginConfig config) {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (boolean bidirectional : new boolean[] {false, true}) {
        for (boolean masked : new boolean[] {false, true}) {
          for (boolean inputGradient : new boolean[] {false, true}) {
            String what = name + " " + dtype + (bidirectional ? " bidirectional" : "")
                + (masked ? " masked" : "") + (inputGradient ? " with dx" : "");
            Pass shortPass = new Pass(factory, config, dtype, bidirectional, masked,
                inputGradient, T);
            Pass longPass = new Pass(factory, config, dtype, bidirectional, masked,
                inputGradient, 2 * T);
            int bytes = dtype == DType.FLOAT32 ? 4 : 8;
            long returnedPerStep = (long) B * (bidirectional ? 2 * H : H) * bytes
                + (inputGradient ? (long) B * I * bytes : 0);
            // each pass's least over several alternating rounds: one-off allocations (class
            // loading, JIT compilation removing some) drop out, and a real per-step allocation
            // shows in every round
            long shortBytes = Long.MAX_VALUE;
            long longBytes = Long.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
              shortBytes = Math.min(shortBytes, shortPass.allocatedBytes());
              longBytes = Math.min(longBytes, longPass.allocatedBytes());
            }
            double perStep = (double) (longBytes - shortBytes) / T;
            double extra = perStep - returnedPerStep;
            assertTrue(Math.abs(extra) <= SLACK_PER_STEP, what + ": " + extra
                + " bytes per step beyond the returned tensors (" + returnedPerStep + ")");
          }
        }
      }
    }
  }

  /** One stack and its inputs, warmed up, for passes over a fixed number of steps. */
  private static final class Pass {
    private final RecurrentStack stack;
    private final Tensor x;
    private final int[] lengths;
    private final Tensor dy;

    Pass(CellFactory<?> factory, PluginConfig config, DType dtype, boolean bidirectional,
        boolean masked, boolean inputGradient, int steps) {
      stack = new RecurrentStack(factory, config, new RecurrentSpec(I, H, 2, bidirectional, 0),
          dtype);
      stack.resetParameters(new SplittableRandom(1));
      stack.setInputGradient(inputGradient);
      x = RandomTensors.uniform(new SplittableRandom(2), dtype, 1, B, steps, I);
      lengths = masked ? new int[] {steps, steps / 2, 1} : null;
      dy = RandomTensors.uniform(new SplittableRandom(3), dtype, 1, B, steps,
          (bidirectional ? 2 : 1) * H);
      for (int i = 0; i < 3; i++) {
        run();
      }
    }

    private void run() {
      stack.zeroGrad();
      stack.forward(OPS, x, lengths, null, null);
      stack.backward(OPS, dy, null, null);
    }

    long allocatedBytes() {
      com.sun.management.ThreadMXBean bean =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = bean.getCurrentThreadAllocatedBytes();
      run();
      return bean.getCurrentThreadAllocatedBytes() - before;
    }
  }
}
