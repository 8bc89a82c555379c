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
 * SGEMM throughput at 1024^3 and at the shapes of an LSTM layer (B=64, T=50, I=128, H=128..256):
 * {@code x W_ih^T} for all steps at once, the per-step recurrent {@code h W_hh^T}, and the weight
 * gradient {@code dG^T X}. GFLOP/s = 2 m n k / time. Seeded inputs (seed 42).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
    "--sun-misc-unsafe-memory-access=allow"})
public class SgemmBenchmark {

  /** {@code m x n x k : transA transB} (N = stored as is, T = transposed). */
  @Param({"1024x1024x1024:NN", "3200x512x128:NT", "64x1024x256:NT", "512x128x3200:TN"})
  public String shape;

  @Param({"1", "2"})
  public int threads;

  private KernelOps ops;
  private boolean transA;
  private boolean transB;
  private int m;
  private int n;
  private int k;
  private Tensor a;
  private Tensor b;
  private Tensor c;

  @Setup
  public void setUp() {
    String[] parts = shape.split("[x:]");
    m = Integer.parseInt(parts[0]);
    n = Integer.parseInt(parts[1]);
    k = Integer.parseInt(parts[2]);
    transA = parts[3].charAt(0) == 'T';
    transB = parts[3].charAt(1) == 'T';
    ops = KernelOpsProvider.create(threads);
    SplittableRandom rng = new SplittableRandom(42);
    a = random(rng, m * k);
    b = random(rng, k * n);
    c = Tensor.zeros(DType.FLOAT32, m * n);
  }

  private static Tensor random(SplittableRandom rng, int size) {
    Tensor t = Tensor.zeros(DType.FLOAT32, size);
    for (int i = 0; i < size; i++) {
      t.set(i, rng.nextDouble(-1, 1));
    }
    return t;
  }

  @Benchmark
  public Tensor gemm() {
    ops.gemm(transA, transB, m, n, k, 1.0, a, b, 0.0, c);
    return c;
  }
}
