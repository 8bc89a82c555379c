package org.rnnlab.kernels.internal;

import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.kernel.PackedWeight;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Vector API ({@code jdk.incubator.vector}) implementation of {@link KernelOps} for
 * {@link DType#FLOAT32} tensors; {@link DType#FLOAT64} calls (finite-difference gradient checks)
 * go to the {@link ScalarKernelOps} reference. Loaded reflectively by
 * {@code KernelOpsProvider}, so nothing links against this class when the incubator module is
 * absent.
 *
 * <p>Parallel work runs on one pool of {@code threads - 1} daemon workers plus the caller and
 * splits output blocks only (GEMM tiles, batch rows, element ranges); sums run on the caller
 * (only {@code maxAbs}, exact in any grouping, combines chunk results). <b>Results are bit-identical for any thread count.</b> Thread-safe for
 * concurrent calls on disjoint outputs.
 */
public final class PanamaKernelOps implements KernelOps {
  /** Elementwise work below this many elements stays on the caller. */
  private static final int ELEMENT_GRAIN = 1 << 15;
  /**
   * {@link #sumRows} of at most this many rows is a time step's batch, whose rows are still in
   * cache: its columns are split between threads (more rows: a whole sequence, from memory).
   */
  private static final int STEP_SUM_ROWS = 512;
  /** Floats per vector: column blocks of {@link #sumRows} are whole vectors. */
  private static final int L = VectorConstants.FLOATS.length();
  /** Elements per task of a parallel {@link #maxAbs}. */
  private static final int MAX_CHUNK = 1 << 18;

  private final ScalarKernelOps reference = new ScalarKernelOps();
  private final KernelExecutor executor;
  private final Sgemm sgemm;

  /**
   * @param threads threads a call may use, {@code >= 1}
   * @throws UnsupportedOperationException when the configured vector width is unusable on this
   *     CPU (the provider then falls back to the scalar reference)
   */
  public PanamaKernelOps(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    int bits = VectorConstants.BIT_SIZE;
    if (bits < 128) {
      throw new UnsupportedOperationException(
          "vector bit size " + bits + " is below the 128 bits the kernels need");
    }
    if (bits != 128 && bits != 256 && bits != 512) {
      throw new UnsupportedOperationException(
          "vector bit size " + bits + " is not one of 128, 256, 512");
    }
    if (bits > VectorConstants.MAX_BIT_SIZE) {
      throw new UnsupportedOperationException("vector bit size " + bits
          + " exceeds this CPU's maximum of " + VectorConstants.MAX_BIT_SIZE);
    }
    this.executor = new KernelExecutor(threads);
    this.sgemm = new Sgemm(executor);
  }

  @Override
  public String name() {
    return "panama";
  }

  @Override
  public int vectorBitSize() {
    return VectorConstants.BIT_SIZE;
  }

  @Override
  public int threads() {
    return executor.threads();
  }

  /** @return whether the kernels use hardware fused multiply-add */
  public boolean fma() {
    return VectorConstants.USE_FMA;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, Tensor a, Tensor b, double beta, Tensor c) {
    if (c.dtype() == DType.FLOAT64) {
      reference.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
      return;
    }
    sgemm.gemm(transA, transB, m, n, k, (float) alpha, a.floats(), a.offset(),
        b.floats(), b.offset(), (float) beta, c.floats(), c.offset());
  }

  @Override
  public void gemmBias(boolean transA, boolean transB, int m, int n, int k, Tensor a, Tensor b,
      Tensor bias, Tensor c) {
    if (c.dtype() == DType.FLOAT64) {
      KernelOps.super.gemmBias(transA, transB, m, n, k, a, b, bias, c);
      return;
    }
    boolean added = sgemm.gemm(transA, transB, m, n, k, 1f, a.floats(), a.offset(), b.floats(),
        b.offset(), 0f, c.floats(), c.offset(), bias.floats(), bias.offset());
    if (!added) {
      addRowVector(bias, c);
    }
  }

  @Override
  public void gemmTnPair(int m, int k, Tensor a, Tensor b1, Tensor c1, Tensor b2, Tensor c2) {
    int n2 = k == 0 ? 0 : b2.size() / k;
    if (c1.dtype() == DType.FLOAT64 || m == 0 || n2 == 0) {
      KernelOps.super.gemmTnPair(m, k, a, b1, c1, b2, c2);
      return;
    }
    sgemm.gemmTnPair(m, k, a.floats(), a.offset(), b1.floats(), b1.offset(), c1.size() / m,
        c1.floats(), c1.offset(), b2.floats(), b2.offset(), n2, c2.size() / n2, c2.floats(),
        c2.offset());
  }

  @Override
  public void gemmTnColumns(int from, int m, int k, Tensor a, Tensor b, Tensor c) {
    if (c.dtype() == DType.FLOAT64 || m == 0 || k == 0) {
      KernelOps.super.gemmTnColumns(from, m, k, a, b, c);
      return;
    }
    sgemm.gemmTnBlock(m, c.size() / m, k, a.floats(), a.offset() + from, a.size() / k,
        b.floats(), b.offset(), c.floats(), c.offset());
  }

  /** Output rows of {@code dst} split between threads (plain {@code arraycopy}s of F floats). */
  @Override
  public void swapLeadingAxes(Tensor src, Tensor dst) {
    if (dst.dtype() == DType.FLOAT64) {
      KernelOps.super.swapLeadingAxes(src, dst);
      return;
    }
    int a = src.dim(0);
    int b = src.dim(1);
    int f = src.dim(2);
    float[] s = src.floats();
    float[] d = dst.floats();
    int so = src.offset();
    int dOff = dst.offset();
    KernelExecutor.RangeBody copy = (from, to) -> {
      for (int j = from; j < to; j++) {
        for (int i = 0; i < a; i++) {
          System.arraycopy(s, so + (i * b + j) * f, d, dOff + (j * a + i) * f, f);
        }
      }
    };
    int grain = rowGrain(b, a * f);
    if (inline(b, grain)) {
      copy.run(0, b);
      return;
    }
    executor.forRange(b, grain, copy);
  }

  @Override
  public void addRowVector(Tensor bias, Tensor y) {
    if (y.dtype() == DType.FLOAT64) {
      reference.addRowVector(bias, y);
      return;
    }
    int n = bias.size();
    int rows = n == 0 ? 0 : y.size() / n;
    if (inline(rows, rowGrain(rows, n))) {
      ElementwiseKernels.addRowVector(bias.floats(), bias.offset(), y.floats(), y.offset(), n, 0,
          rows);
      return;
    }
    executor.forRange(rows, rowGrain(rows, n), (from, to) ->
        ElementwiseKernels.addRowVector(bias.floats(), bias.offset(), y.floats(), y.offset(), n,
            from, to));
  }

  @Override
  public void sumRows(Tensor m, Tensor out, boolean accumulate) {
    if (out.dtype() == DType.FLOAT64) {
      reference.sumRows(m, out, accumulate);
      return;
    }
    int n = out.size();
    int rows = n == 0 ? 0 : m.size() / n;
    // a time step's rows (in cache, few of them) in one column half per thread: each column is
    // summed in the same row order as on one thread, so the bits do not change
    if (rows <= STEP_SUM_ROWS && (long) rows * n > ELEMENT_GRAIN && !inline(n, 2 * L)) {
      int grain = Sgemm.ceilDiv((n + 1) / 2, 2 * L) * 2 * L;
      executor.forRange(n, grain, (from, to) -> ElementwiseKernels.sumRows(m.floats(),
          m.offset(), rows, n, out.floats(), out.offset(), accumulate, from, to));
      return;
    }
    // a whole sequence on the caller: the sum streams m once from memory, and splitting columns
    // between threads read every row in strided pieces: 6400 x 1024 took 1.2-1.5 ms on one
    // thread, 1.8 ms on two with one wide block each and 3.3 ms with 256-column blocks
    ElementwiseKernels.sumRows(m.floats(), m.offset(), rows, n, out.floats(), out.offset(),
        accumulate, 0, n);
  }

  @Override
  public void axpy(double alpha, Tensor x, Tensor y) {
    if (y.dtype() == DType.FLOAT64) {
      reference.axpy(alpha, x, y);
      return;
    }
    if (inline(x.size(), ELEMENT_GRAIN)) {
      ElementwiseKernels.axpy((float) alpha, x.floats(), x.offset(), y.floats(), y.offset(), 0,
          x.size());
      return;
    }
    executor.forRange(x.size(), ELEMENT_GRAIN, (from, to) ->
        ElementwiseKernels.axpy((float) alpha, x.floats(), x.offset(), y.floats(), y.offset(),
            from, to));
  }

  @Override
  public void scale(double alpha, Tensor x) {
    if (x.dtype() == DType.FLOAT64) {
      reference.scale(alpha, x);
      return;
    }
    if (inline(x.size(), ELEMENT_GRAIN)) {
      ElementwiseKernels.scale((float) alpha, x.floats(), x.offset(), 0, x.size());
      return;
    }
    executor.forRange(x.size(), ELEMENT_GRAIN, (from, to) ->
        ElementwiseKernels.scale((float) alpha, x.floats(), x.offset(), from, to));
  }

  @Override
  public void mul(Tensor a, Tensor b, Tensor out) {
    if (out.dtype() == DType.FLOAT64) {
      reference.mul(a, b, out);
      return;
    }
    if (inline(out.size(), ELEMENT_GRAIN)) {
      ElementwiseKernels.mul(a.floats(), a.offset(), b.floats(), b.offset(), out.floats(),
          out.offset(), 0, out.size());
      return;
    }
    executor.forRange(out.size(), ELEMENT_GRAIN, (from, to) ->
        ElementwiseKernels.mul(a.floats(), a.offset(), b.floats(), b.offset(), out.floats(),
            out.offset(), from, to));
  }

  @Override
  public void activate(Activation f, Tensor x, Tensor y) {
    if (y.dtype() == DType.FLOAT64) {
      reference.activate(f, x, y);
      return;
    }
    if (inline(x.size(), ELEMENT_GRAIN)) {
      ElementwiseKernels.activate(f, x.floats(), x.offset(), y.floats(), y.offset(), 0, x.size());
      return;
    }
    executor.forRange(x.size(), ELEMENT_GRAIN, (from, to) ->
        ElementwiseKernels.activate(f, x.floats(), x.offset(), y.floats(), y.offset(), from, to));
  }

  @Override
  public void activateBackward(Activation f, Tensor y, Tensor dy, Tensor dx) {
    if (dx.dtype() == DType.FLOAT64) {
      reference.activateBackward(f, y, dy, dx);
      return;
    }
    if (inline(y.size(), ELEMENT_GRAIN)) {
      ElementwiseKernels.activateBackward(f, y.floats(), y.offset(), dy.floats(), dy.offset(),
          dx.floats(), dx.offset(), 0, y.size());
      return;
    }
    executor.forRange(y.size(), ELEMENT_GRAIN, (from, to) ->
        ElementwiseKernels.activateBackward(f, y.floats(), y.offset(), dy.floats(), dy.offset(),
            dx.floats(), dx.offset(), from, to));
  }

  @Override
  public double sumOfSquares(Tensor x) {
    return x.dtype() == DType.FLOAT64 ? reference.sumOfSquares(x)
        : ElementwiseKernels.sumOfSquares(x.floats(), x.offset(), x.size());
  }

  @Override
  public double sum(Tensor x) {
    return x.dtype() == DType.FLOAT64 ? reference.sum(x)
        : ElementwiseKernels.sum(x.floats(), x.offset(), x.size());
  }

  @Override
  public double maxAbs(Tensor x) {
    if (x.dtype() == DType.FLOAT64) {
      return reference.maxAbs(x);
    }
    int n = x.size();
    if (n < MAX_CHUNK * 2 || executor.threads() == 1) {
      return ElementwiseKernels.maxAbs(x.floats(), x.offset(), n);
    }
    // a maximum is exact in any grouping, so chunk maxima combined give the serial result
    // bit for bit; the chunks only fix which task reads what
    int chunks = (n + MAX_CHUNK - 1) / MAX_CHUNK;
    double[] partial = new double[chunks];
    executor.forRange(n, MAX_CHUNK, (from, to) -> partial[from / MAX_CHUNK] =
        ElementwiseKernels.maxAbs(x.floats(), x.offset() + from, to - from));
    double max = 0;
    for (double p : partial) {
      if (Double.isNaN(p)) {
        return p;
      }
      max = Math.max(max, p);
    }
    return max;
  }

  @Override
  public void lstmForward(Tensor gates, Tensor cPrev, Tensor c, Tensor h) {
    if (c.dtype() == DType.FLOAT64) {
      reference.lstmForward(gates, cPrev, c, h);
      return;
    }
    int hidden = c.dim(c.rank() - 1);
    int batch = hidden == 0 ? 0 : c.size() / hidden;
    if (inline(batch, rowGrain(batch, 4 * hidden))) {
      GateKernels.lstmForward(gates, cPrev, c, h, hidden, 0, batch);
      return;
    }
    executor.forRange(batch, rowGrain(batch, 4 * hidden), (from, to) ->
        GateKernels.lstmForward(gates, cPrev, c, h, hidden, from, to));
  }

  @Override
  public PackedWeight packWeight(Tensor w, boolean transposed) {
    if (w.dtype() == DType.FLOAT64) {
      return KernelOps.super.packWeight(w, transposed);
    }
    return new PanamaPackedWeight(w, transposed, executor);
  }

  @Override
  public void gemm(Tensor a, PackedWeight w, double beta, Tensor c) {
    if (!(w instanceof PanamaPackedWeight packed)) {
      KernelOps.super.gemm(a, w, beta, c);
      return;
    }
    sgemm.gemmPrepacked(a.size() / packed.innerSizeK(), packed, a.floats(), a.offset(),
        (float) beta, c.floats(), c.offset());
  }

  @Override
  public void lstmBackward(Tensor gates, Tensor cPrev, Tensor c, Tensor dh, Tensor dc,
      Tensor dGates, Tensor dcPrev) {
    if (c.dtype() == DType.FLOAT64) {
      reference.lstmBackward(gates, cPrev, c, dh, dc, dGates, dcPrev);
      return;
    }
    int hidden = c.dim(c.rank() - 1);
    int batch = hidden == 0 ? 0 : c.size() / hidden;
    if (inline(batch, rowGrain(batch, 4 * hidden))) {
      GateKernels.lstmBackward(gates, cPrev, c, dh, dc, dGates, dcPrev, hidden, 0, batch);
      return;
    }
    executor.forRange(batch, rowGrain(batch, 4 * hidden), (from, to) ->
        GateKernels.lstmBackward(gates, cPrev, c, dh, dc, dGates, dcPrev, hidden, from, to));
  }

  /**
   * The recurrent product, then {@code b_hh}, the gate math and the copy of the n block in one
   * parallel call: each row task adds the bias to its rows of {@code gh} right before their
   * gates (the same additions as {@link #addRowVector}, one hand-off per step fewer) and copies
   * the rows' n block while they are in L1 (on the caller after the call, it cost 2-4 % of a
   * 2-thread step).
   */
  @Override
  public void gruStep(Tensor hPrev, PackedWeight weightHh, Tensor biasHh, Tensor gi, Tensor gh,
      Tensor h, Tensor ghN) {
    if (h.dtype() == DType.FLOAT64) {
      KernelOps.super.gruStep(hPrev, weightHh, biasHh, gi, gh, h, ghN);
      return;
    }
    gemm(hPrev, weightHh, 0, gh);
    int hidden = h.dim(h.rank() - 1);
    int batch = hidden == 0 ? 0 : h.size() / hidden;
    if (inline(batch, rowGrain(batch, 3 * hidden))) {
      biasAndGruForward(biasHh, gi, gh, hPrev, h, ghN, hidden, 0, batch);
      return;
    }
    executor.forRange(batch, rowGrain(batch, 3 * hidden), (from, to) ->
        biasAndGruForward(biasHh, gi, gh, hPrev, h, ghN, hidden, from, to));
  }

  private static void biasAndGruForward(Tensor biasHh, Tensor gi, Tensor gh, Tensor hPrev,
      Tensor h, Tensor ghN, int hidden, int from, int to) {
    ElementwiseKernels.addRowVector(biasHh.floats(), biasHh.offset(), gh.floats(), gh.offset(),
        3 * hidden, from, to);
    GateKernels.gruForward(gi, gh, hPrev, h, hidden, from, to);
    if (ghN != null) {
      for (int b = from; b < to; b++) {
        Tensor.copyRange(gh, (3 * b + 2) * hidden, ghN, b * hidden, hidden);
      }
    }
  }

  @Override
  public void gruForward(Tensor gi, Tensor gh, Tensor hPrev, Tensor h) {
    if (h.dtype() == DType.FLOAT64) {
      reference.gruForward(gi, gh, hPrev, h);
      return;
    }
    int hidden = h.dim(h.rank() - 1);
    int batch = hidden == 0 ? 0 : h.size() / hidden;
    if (inline(batch, rowGrain(batch, 3 * hidden))) {
      GateKernels.gruForward(gi, gh, hPrev, h, hidden, 0, batch);
      return;
    }
    executor.forRange(batch, rowGrain(batch, 3 * hidden), (from, to) ->
        GateKernels.gruForward(gi, gh, hPrev, h, hidden, from, to));
  }

  @Override
  public void gruBackward(Tensor rzn, Tensor gh, Tensor hPrev, Tensor dh,
      Tensor dgi, Tensor dgh, Tensor dhPrev) {
    gruBackward(rzn, gh, hPrev, dh, dgi, dgh, dhPrev, null);
  }

  @Override
  public void gruBackward(Tensor rzn, Tensor gh, Tensor hPrev, Tensor dh,
      Tensor dgi, Tensor dgh, Tensor dhPrev, Tensor dghN) {
    if (dh.dtype() == DType.FLOAT64) {
      reference.gruBackward(rzn, gh, hPrev, dh, dgi, dgh, dhPrev, dghN);
      return;
    }
    int hidden = dh.dim(dh.rank() - 1);
    int batch = hidden == 0 ? 0 : dh.size() / hidden;
    if (inline(batch, rowGrain(batch, 3 * hidden))) {
      GateKernels.gruBackward(rzn, gh, hPrev, dh, dgi, dgh, dhPrev, dghN, hidden, 0, batch);
      return;
    }
    executor.forRange(batch, rowGrain(batch, 3 * hidden), (from, to) ->
        GateKernels.gruBackward(rzn, gh, hPrev, dh, dgi, dgh, dhPrev, dghN, hidden, from, to));
  }

  @Override
  public double squaredError(Tensor prediction, Tensor target, Tensor mask, double gradScale,
      Tensor grad) {
    if (prediction.dtype() == DType.FLOAT64 || target.dtype() == DType.FLOAT64
        || grad.dtype() == DType.FLOAT64 || mask != null && mask.dtype() == DType.FLOAT64) {
      return KernelOps.super.squaredError(prediction, target, mask, gradScale, grad);
    }
    int rows = prediction.dim(0);
    int width = rows == 0 ? 0 : prediction.size() / rows;
    float[] maskData = mask == null ? null : mask.floats();
    int maskOffset = mask == null ? 0 : mask.offset();
    return sumOfRowLosses(rows, width, (rowLoss, from, to) -> SquaredErrorKernel.rows(
        prediction.floats(), prediction.offset(), target.floats(), target.offset(), maskData,
        maskOffset, gradScale, grad.floats(), grad.offset(), width, rowLoss, from, to));
  }

  @Override
  public double softmaxCrossEntropy(Tensor logits, int[] targets, Tensor mask, Tensor dLogits) {
    if (logits.dtype() == DType.FLOAT64) {
      return reference.softmaxCrossEntropy(logits, targets, mask, dLogits);
    }
    int rows = targets.length;
    int classes = rows == 0 ? 0 : logits.size() / rows;
    float[] maskData = mask == null ? null : mask.floats();
    int maskOffset = mask == null ? 0 : mask.offset();
    return sumOfRowLosses(rows, classes, (rowLoss, from, to) -> SoftmaxKernel.rows(
        logits.floats(), logits.offset(), classes, targets, maskData, maskOffset,
        dLogits.floats(), dLogits.offset(), rowLoss, from, to));
  }

  /** A loss kernel over rows {@code [from, to)} that stores each row's loss in {@code rowLoss}. */
  @FunctionalInterface
  private interface RowLosses {
    void run(double[] rowLoss, int from, int to);
  }

  /**
   * Runs a loss kernel over {@code rows} rows of {@code width} split between threads, then adds
   * the per-row losses in row order: the loss does not depend on the thread count.
   */
  private double sumOfRowLosses(int rows, int width, RowLosses kernel) {
    double[] rowLoss = new double[rows];
    executor.forRange(rows, rowGrain(rows, width), (from, to) -> kernel.run(rowLoss, from, to));
    double total = 0;
    for (double loss : rowLoss) {
      total += loss;
    }
    return total;
  }

  @Override
  public String toString() {
    return "PanamaKernelOps[bitSize=" + vectorBitSize() + ", fma=" + fma()
        + ", threads=" + threads() + "]";
  }

  private static int rowGrain(int rows, int rowWidth) {
    int grain = Math.max(1, ELEMENT_GRAIN / Math.max(1, rowWidth));
    // as many tasks as that grain needs, of equal size: 64 rows of 768 make 32 + 32, not 42 + 22
    int tasks = (rows + grain - 1) / grain;
    return tasks <= 1 ? Math.max(1, rows) : (rows + tasks - 1) / tasks;
  }

  /**
   * Whether {@code n} items in chunks of {@code grain} make a single task: the kernel then runs
   * inline, with no capturing lambda allocated, which keeps per-step calls on a batch of one
   * free of garbage.
   */
  private boolean inline(int n, int grain) {
    return n <= grain || executor.threads() == 1;
  }
}
