package org.rnnlab.plugins.cell;

import java.util.List;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.diag.GateProbe;
import org.rnnlab.api.diag.GateSpec;
import org.rnnlab.api.diag.SaturationCounter;
import org.rnnlab.api.kernel.Activation;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
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
 *
 * <p>Gate saturation ({@link GateProbe}, step path only, as the cell has no fast path): gates
 * {@code r, z} (sigmoid) and {@code n} (tanh).
 */
public final class Cho2014GruCell extends AbstractGateCell<Cho2014GruCell.StepCache>
    implements GateProbe {
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

  /** Per-gate row blocks of the parameters and their gradients, index R, Z or N. */
  private final Tensor[] wIh = new Tensor[3];
  private final Tensor[] wHh = new Tensor[3];
  private final Tensor[] bIh = new Tensor[3];
  private final Tensor[] bHh = new Tensor[3];
  private final Tensor[] gwIh = new Tensor[3];
  private final Tensor[] gwHh = new Tensor[3];
  private final Tensor[] gbIh = new Tensor[3];
  private final Tensor[] gbHh = new Tensor[3];

  /** @param shape sizes and dtype */
  public Cho2014GruCell(CellShape shape) {
    super(shape, 3, StepCache.class);
    for (int g = R; g <= N; g++) {
      wIh[g] = params.gateRows(params.weightIh().value(), g, 1);
      wHh[g] = params.gateRows(params.weightHh().value(), g, 1);
      bIh[g] = params.gateRows(params.biasIh().value(), g, 1);
      bHh[g] = params.gateRows(params.biasHh().value(), g, 1);
      gwIh[g] = params.gateRows(params.weightIh().grad(), g, 1);
      gwHh[g] = params.gateRows(params.weightHh().grad(), g, 1);
      gbIh[g] = params.gateRows(params.biasIh().grad(), g, 1);
      gbHh[g] = params.gateRows(params.biasHh().grad(), g, 1);
    }
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public List<GateSpec> gates() {
    return GruCell.GATE_SPECS;
  }

  @Override
  public void countSaturation(Cell.Cache cache, SaturationCounter counter) {
    StepCache k = typed(cache);
    Tensor[] gates = {k.r, k.z, k.n};
    for (int g = 0; g < gates.length; g++) {
      Tensor t = gates[g];
      if (t.dtype() == DType.FLOAT32) {
        counter.count(g, t.floats(), t.offset(), t.size());
      } else {
        counter.count(g, t.doubles(), t.offset(), t.size());
      }
    }
  }

  @Override
  public StepCache newCache(int batch) {
    return new StepCache(this, batch);
  }

  @Override
  void step(KernelOps ops, Tensor x, Tensor[] prev, Tensor[] next, StepCache k) {
    Tensor h = prev[0];
    affine(ops, x, wIh[R], bIh[R], 0, k.r);
    affine(ops, h, wHh[R], bHh[R], 1, k.r);
    ops.activate(Activation.SIGMOID, k.r, k.r);
    affine(ops, x, wIh[Z], bIh[Z], 0, k.z);
    affine(ops, h, wHh[Z], bHh[Z], 1, k.z);
    ops.activate(Activation.SIGMOID, k.z, k.z);
    ops.mul(k.r, h, k.rh);
    affine(ops, x, wIh[N], bIh[N], 0, k.n);
    affine(ops, k.rh, wHh[N], bHh[N], 1, k.n);
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
    // the n gate's recurrent input is r * h: its gradient, then dr = d(r * h) * h
    affineBackward(ops, k.dn, k.rh, wHh[N], gwHh[N], gbHh[N], 0, k.drh);
    ops.mul(k.drh, h, k.tmp);
    ops.activateBackward(Activation.SIGMOID, k.r, k.tmp, k.dr);

    affineBackward(ops, k.dr, x, wIh[R], gwIh[R], gbIh[R], 0, dx);
    affineBackward(ops, k.dz, x, wIh[Z], gwIh[Z], gbIh[Z], 1, dx);
    affineBackward(ops, k.dn, x, wIh[N], gwIh[N], gbIh[N], 1, dx);
    // dh_prev = dh * z + d(r * h) * r + (paths through the r and z pre-activations)
    Tensor dh0 = dPrev[0];
    ops.mul(dh, k.z, dh0);
    ops.mul(k.drh, k.r, k.tmp);
    ops.axpy(1, k.tmp, dh0);
    affineBackward(ops, k.dr, h, wHh[R], gwHh[R], gbHh[R], 1, dh0);
    affineBackward(ops, k.dz, h, wHh[Z], gwHh[Z], gbHh[Z], 1, dh0);
  }

  /** {@code out = beta * out + in · w^T + b} for one gate's blocks {@code w [H, K]}, {@code b [H]}. */
  private void affine(KernelOps ops, Tensor in, Tensor w, Tensor b, double beta, Tensor out) {
    ops.gemm(false, true, in.dim(0), shape.hiddenSize(), in.dim(1), 1, in, w, beta, out);
    ops.addRowVector(b, out);
  }

  /**
   * Backward of {@link #affine}: accumulates {@code wGrad += dOut^T · in} and
   * {@code bGrad += sum_rows dOut}, and sets {@code dIn = beta * dIn + dOut · w}.
   */
  private void affineBackward(KernelOps ops, Tensor dOut, Tensor in, Tensor w, Tensor wGrad,
      Tensor bGrad, double beta, Tensor dIn) {
    int cols = in.dim(1);
    int hidden = shape.hiddenSize();
    ops.gemm(true, false, hidden, cols, in.dim(0), 1, dOut, in, 1, wGrad);
    ops.sumRows(dOut, bGrad, true);
    ops.gemm(false, false, in.dim(0), cols, hidden, 1, dOut, w, beta, dIn);
  }

  @Override
  public String toString() {
    return "Cho2014GruCell(" + shape.inputSize() + ", " + shape.hiddenSize() + ")";
  }
}
