package org.rnnlab.kernels.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * Fused LSTM pointwise step (B=64, H=256, gates [64 x 1024]) forward and backward, Vector API
 * versus the scalar reference. The forward kernel activates {@code gates} in place; running it
 * again on its own output keeps values bounded, and the cost of the math does not depend on the
 * values, so the state is not restored between invocations. Seeded inputs (seed 7).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
    "--sun-misc-unsafe-memory-access=allow"})
public class LstmPointwiseBenchmark {
  private static final int BATCH = 64;
  private static final int HIDDEN = 256;

  @Param({"panama", "scalar"})
  public String kernels;

  @Param({"1", "2"})
  public int threads;

  private KernelOps ops;
  private Tensor gates;
  private Tensor cPrev;
  private Tensor c;
  private Tensor h;
  private Tensor dh;
  private Tensor dc;
  private Tensor dGates;
  private Tensor dcPrev;

  @Setup
  public void setUp() {
    ops = kernels.equals("scalar") ? KernelOpsProvider.scalar() : KernelOpsProvider.create(threads);
    SplittableRandom rng = new SplittableRandom(7);
    gates = random(rng, 4, BATCH, 4 * HIDDEN);
    cPrev = random(rng, 1, BATCH, HIDDEN);
    c = Tensor.zeros(DType.FLOAT32, BATCH, HIDDEN);
    h = Tensor.zeros(DType.FLOAT32, BATCH, HIDDEN);
    dh = random(rng, 1, BATCH, HIDDEN);
    dc = random(rng, 1, BATCH, HIDDEN);
    dGates = Tensor.zeros(DType.FLOAT32, BATCH, 4 * HIDDEN);
    dcPrev = Tensor.zeros(DType.FLOAT32, BATCH, HIDDEN);
    ops.lstmForward(gates, cPrev, c, h);
  }

  private static Tensor random(SplittableRandom rng, double scale, int... shape) {
    Tensor t = Tensor.zeros(DType.FLOAT32, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, rng.nextDouble(-scale, scale));
    }
    return t;
  }

  @Benchmark
  public Tensor forward() {
    ops.lstmForward(gates, cPrev, c, h);
    return h;
  }

  @Benchmark
  public Tensor backward() {
    ops.lstmBackward(gates, cPrev, c, dh, dc, dGates, dcPrev);
    return dGates;
  }
}
