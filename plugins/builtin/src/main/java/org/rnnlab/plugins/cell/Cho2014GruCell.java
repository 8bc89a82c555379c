package org.rnnlab.plugins.cell;

import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.Tensor;

/**
 * Gated recurrent unit as first published (Cho et al. 2014, "Learning Phrase Representations
 * using RNN Encoder-Decoder"): the reset gate scales {@code h} <i>before</i> the recurrent matrix
 * product. Type key {@code gru} with {@code variant: cho2014}.
 *
 * <pre>
 *   r  = σ(W_ir x + b_ir + W_hr h + b_hr)
 *   z  = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n  = tanh(W_in x + b_in + W_hn (r * h) + b_hn)
 *   h' = (1 - z) * n + z * h
 * </pre>
 *
 * <p>Shapes, parameter names, shapes, gate order {@code r|z|n} and initialisation are those of
 * {@link GruCell}, so checkpoints of the two variants are interchangeable in layout (not in
 * meaning). Because {@code W_hn} multiplies {@code r * h}, which is only known after {@code r},
 * each gate is computed with its own GEMM on the contiguous row block of the weights.
 */
public final class Cho2014GruCell extends AbstractGateCell<Cho2014GruCell.StepCache> {
  private static final int R = 0;
  private static final int Z = 1;
  private static final int N = 2;

  /** Gate activations, {@code r * h}, and backward scratch, each {@code [B, H]}. */
  static final class StepCache extends AbstractGateCell.BatchCache {
    final Tensor r;
    final Tensor z;
    final Tensor n;
    final Tensor rh;
    final Tensor dr;
    final Tensor dz;
    final Tensor dn;
    final Tensor drh;
    final Tensor tmp;

    StepCache(Cho2014GruCell cell, int batch) {
      super(batch);
      this.r = cell.hidden(batch);
      this.z = cell.hidden(batch);
      this.n = cell.hidden(batch);
      this.rh = cell.hidden(batch);
      this.dr = cell.hidden(batch);
      this.dz = cell.hidden(batch);
      this.dn = cell.hidden(batch);
      this.drh = cell.hidden(batch);
      this.tmp = cell.hidden(batch);
    }
  }

  /** @param shape sizes and dtype */
  public Cho2014GruCell(CellShape shape) {
    super(shape, 3, StepCache.class);
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public StepCache newCache(int batch) {
    return new StepCache(this, batch);
  }

  @Override
  void step(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, StepCache k) {
    Tensor h = prev[0];
    affine(ops, x, params.weightIh().value(), params.biasIh().value(), R, 0, k.r);
    affine(ops, h, params.weightHh().value(), params.biasHh().value(), R, 1, k.r);
    ops.activate(Activation.SIGMOID, k.r, k.r);
    affine(ops, x, params.weightIh().value(), params.biasIh().value(), Z, 0, k.z);
    affine(ops, h, params.weightHh().value(), params.biasHh().value(), Z, 1, k.z);
    ops.activate(Activation.SIGMOID, k.z, k.z);
    ops.mul(k.r, h, k.rh);
    affine(ops, x, params.weightIh().value(), params.biasIh().value(), N, 0, k.n);
    affine(ops, k.rh, params.weightHh().value(), params.biasHh().value(), N, 1, k.n);
    ops.activate(Activation.TANH, k.n, k.n);
    // h' = n + z * (h - n), the same value as (1 - z) * n + z * h
    Tensor out = next[0];
    out.copyFrom(h);
    ops.axpy(-1, k.n, out);
    ops.mul(k.z, out, out);
    ops.axpy(1, k.n, out);
  }

  @Override
  void stepBackward(KernelOps ops, Tensor x, Tensor[] prev, StepCache k, Tensor[] dNext,
      Tensor dx, Tensor[] dPrev) {
    Tensor h = prev[0];
    Tensor dh = dNext[0];
    // dz = dh * (h - n)
    k.tmp.copyFrom(h);
    ops.axpy(-1, k.n, k.tmp);
    ops.mul(k.tmp, dh, k.tmp);
    ops.activateBackward(Activation.SIGMOID, k.z, k.tmp, k.dz);
    // dn = dh * (1 - z)
    ops.mul(dh, k.z, k.tmp);
    ops.scale(-1, k.tmp);
    ops.axpy(1, dh, k.tmp);
    ops.activateBackward(Activation.TANH, k.n, k.tmp, k.dn);
    // d(r * h) = dn · W_hn, then dr = d(r * h) * h
    Tensor whn = params.gateRows(params.weightHh().value(), N, 1);
    ops.gemm(false, false, k.batch, shape.hiddenSize(), shape.hiddenSize(), 1, k.dn, whn, 0, k.drh);
    ops.mul(k.drh, h, k.tmp);
    ops.activateBackward(Activation.SIGMOID, k.r, k.tmp, k.dr);

    Tensor dh0 = dPrev[0];
    ops.mul(dh, k.z, dh0);
    ops.mul(k.drh, k.r, k.tmp);
    ops.axpy(1, k.tmp, dh0);
    affineBackward(ops, k.dr, x, params.weightIh().value(), params.weightIh().grad(),
        params.biasIh().grad(), R, 0, dx);
    affineBackward(ops, k.dz, x, params.weightIh().value(), params.weightIh().grad(),
        params.biasIh().grad(), Z, 1, dx);
    affineBackward(ops, k.dn, x, params.weightIh().value(), params.weightIh().grad(),
        params.biasIh().grad(), N, 1, dx);
    affineBackward(ops, k.dr, h, params.weightHh().value(), params.weightHh().grad(),
        params.biasHh().grad(), R, 1, dh0);
    affineBackward(ops, k.dz, h, params.weightHh().value(), params.weightHh().grad(),
        params.biasHh().grad(), Z, 1, dh0);
    // the n gate's recurrent input was r * h; its gradient already reached h through drh above
    Tensor whnGrad = params.gateRows(params.weightHh().grad(), N, 1);
    ops.gemm(true, false, shape.hiddenSize(), shape.hiddenSize(), k.batch, 1, k.dn, k.rh, 1, whnGrad);
    ops.sumRows(k.dn, params.gateRows(params.biasHh().grad(), N, 1), true);
  }

  /** {@code out = beta * out + in · W[gate]^T + b[gate]}. */
  private void affine(KernelOps ops, Tensor in, Tensor w, Tensor b, int gate, double beta, Tensor out) {
    int cols = in.dim(1);
    ops.gemm(false, true, in.dim(0), shape.hiddenSize(), cols, 1, in,
        params.gateRows(w, gate, 1), beta, out);
    ops.addRowVector(params.gateRows(b, gate, 1), out);
  }

  /**
   * Backward of {@link #affine}: accumulates {@code W[gate]} and {@code b[gate]} gradients and
   * sets {@code dIn = beta * dIn + dOut · W[gate]}.
   */
  private void affineBackward(KernelOps ops, Tensor dOut, Tensor in, Tensor w, Tensor wGrad,
      Tensor bGrad, int gate, double beta, Tensor dIn) {
    int cols = in.dim(1);
    int hidden = shape.hiddenSize();
    ops.gemm(true, false, hidden, cols, in.dim(0), 1, dOut, in, 1, params.gateRows(wGrad, gate, 1));
    ops.sumRows(dOut, params.gateRows(bGrad, gate, 1), true);
    ops.gemm(false, false, in.dim(0), cols, hidden, 1, dOut, params.gateRows(w, gate, 1), beta, dIn);
  }

  @Override
  public String toString() {
    return "Cho2014GruCell(" + shape.inputSize() + ", " + shape.hiddenSize() + ")";
  }
}
