package org.rnnlab.kernels.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * Cost of the per-step kernel calls of a batch-1 LSTM (B=1, I=32, H=128, 4H=512: the
 * latency-bound configuration), on 1 and 2 threads: thread CPU time per call (median of 7
 * rounds) and heap bytes allocated per call by the calling thread
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), after warm-up.
 * Zero bytes means no lambda, no scratch array and no task hand-off. Not a JMH benchmark; run
 * through the {@code bench} profile with {@code -Dbench.main=org.rnnlab.kernels.bench.StepCost}.
 */
public final class StepCost {
  private StepCost() {}

  private static final int H = 128;
  private static final int ROUNDS = 7;
  private static final int CALLS = 20_000;

  /** One kernel call of the step. */
  private interface Call {
    void run(KernelOps ops);
  }

  /**
   * @param args ignored
   */
  public static void main(String[] args) {
    SplittableRandom rng = new SplittableRandom(5);
    Tensor h = random(rng, 1, H);
    Tensor whh = random(rng, 4 * H, H);
    Tensor gates = random(rng, 1, 4 * H);
    Tensor gatesWork = Tensor.zeros(DType.FLOAT32, 1, 4 * H);
    Tensor cPrev = random(rng, 1, H);
    Tensor c = Tensor.zeros(DType.FLOAT32, 1, H);
    Tensor hOut = Tensor.zeros(DType.FLOAT32, 1, H);
    Tensor dh = random(rng, 1, H);
    Tensor dc = random(rng, 1, H);
    Tensor dGates = Tensor.zeros(DType.FLOAT32, 1, 4 * H);
    Tensor dcPrev = Tensor.zeros(DType.FLOAT32, 1, H);
    Tensor dhPrev = Tensor.zeros(DType.FLOAT32, 1, H);
    Tensor bias = random(rng, 4 * H);
    String[] names = {"gemm 1x512x128 NT (h W_hh^T)", "gemm 1x128x512 NN (dG W_hh)",
        "addRowVector [1x512]", "lstmForward [1x128]", "lstmBackward [1x128]"};
    Call[] calls = {
        ops -> ops.gemm(false, true, 1, 4 * H, H, 1.0, h, whh, 1.0, gatesWork),
        ops -> ops.gemm(false, false, 1, H, 4 * H, 1.0, dGates, whh, 0.0, dhPrev),
        ops -> ops.addRowVector(bias, gatesWork),
        ops -> {
          gatesWork.copyFrom(gates);
          ops.lstmForward(gatesWork, cPrev, c, hOut);
        },
        ops -> ops.lstmBackward(gates, cPrev, c, dh, dc, dGates, dcPrev)};
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int threads = 1; threads <= 2; threads++) {
      KernelOps ops = KernelOpsProvider.create(threads);
      for (int f = 0; f < calls.length; f++) {
        Call call = calls[f];
        for (int i = 0; i < 5 * CALLS; i++) {
          call.run(ops);
        }
        double[] us = new double[ROUNDS];
        long bytes = 0;
        for (int r = 0; r < ROUNDS; r++) {
          long a0 = mx.getCurrentThreadAllocatedBytes();
          long t0 = mx.getCurrentThreadCpuTime();
          for (int i = 0; i < CALLS; i++) {
            call.run(ops);
          }
          us[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / CALLS;
          bytes += mx.getCurrentThreadAllocatedBytes() - a0;
        }
        Arrays.sort(us);
        System.out.printf("threads=%d %-30s %8.2f us/call (cpu, median)  %6.1f bytes/call%n",
            threads, names[f], us[ROUNDS / 2], (double) bytes / ROUNDS / CALLS);
      }
    }
  }

  private static Tensor random(SplittableRandom rng, int... shape) {
    Tensor t = Tensor.zeros(DType.FLOAT32, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, rng.nextDouble(-1, 1));
    }
    return t;
  }
}
