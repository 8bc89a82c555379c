package org.rnnlab.plugins.cell;

import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.kernel.PackedWeight;
import org.rnnlab.api.tensor.Tensor;

/**
 * The four parameters every PyTorch-style cell with {@code G} gates owns, and the two affine maps
 * built from them.
 *
 * <pre>
 *   weight_ih [G*H, I]   weight_hh [G*H, H]   bias_ih [G*H]   bias_hh [G*H]
 * </pre>
 *
 * Gate {@code g} occupies rows {@code [g*H, (g+1)*H)} of each weight and bias, so a gate's block
 * is a contiguous view ({@link #gateRows}). Initialisation is PyTorch's: every entry drawn from
 * {@code U(-1/sqrt(H), 1/sqrt(H))}. Backward helpers <b>accumulate</b> into the gradients.
 */
final class GateParameters {
  private final int gates;
  private final int inputSize;
  private final int hiddenSize;
  private final Parameter weightIh;
  private final Parameter weightHh;
  private final Parameter biasIh;
  private final Parameter biasHh;
  private final List<Parameter> all;
  /**
   * {@code weight_hh} packed by the kernels for the sequence path, refreshed once per sequence
   * ({@link #refreshPackedHidden}): {@code h · W_hh^T} at every forward step and
   * {@code dG · W_hh} at every backward step then pack nothing. Null until the first sequence.
   */
  private PackedWeight hiddenForward;
  private PackedWeight hiddenBackward;
  private KernelOps packedBy;
  /** {@code bias_ih + bias_hh}, for cells that add both biases with the input projection. */
  private final Tensor combinedBias;

  GateParameters(CellShape shape, int gates) {
    this.gates = gates;
    this.inputSize = shape.inputSize();
    this.hiddenSize = shape.hiddenSize();
    int rows = gates * hiddenSize;
    this.weightIh = Parameter.of("weight_ih", Tensor.zeros(shape.dtype(), rows, inputSize));
    this.weightHh = Parameter.of("weight_hh", Tensor.zeros(shape.dtype(), rows, hiddenSize));
    this.biasIh = Parameter.of("bias_ih", Tensor.zeros(shape.dtype(), rows));
    this.biasHh = Parameter.of("bias_hh", Tensor.zeros(shape.dtype(), rows));
    this.all = List.of(weightIh, weightHh, biasIh, biasHh);
    this.combinedBias = Tensor.zeros(shape.dtype(), rows);
  }

  /** @return weight_ih, weight_hh, bias_ih, bias_hh (PyTorch order) */
  List<Parameter> list() {
    return all;
  }

  Parameter weightIh() {
    return weightIh;
  }

  Parameter weightHh() {
    return weightHh;
  }

  Parameter biasIh() {
    return biasIh;
  }

  Parameter biasHh() {
    return biasHh;
  }

  /** Draws every entry from {@code U(-1/sqrt(H), 1/sqrt(H))}, in PyTorch's parameter order. */
  void resetUniform(SplittableRandom rng) {
    double bound = 1.0 / Math.sqrt(hiddenSize);
    for (Parameter p : all) {
      Tensor v = p.value();
      for (int i = 0; i < v.size(); i++) {
        v.set(i, rng.nextDouble(-bound, bound));
      }
    }
  }

  /**
   * @param t a weight {@code [G*H, K]} or bias {@code [G*H]} (value or gradient)
   * @param gate gate index in {@code [0, G)}
   * @param count number of consecutive gates
   * @return the view of rows {@code [gate*H, (gate+count)*H)}
   */
  Tensor gateRows(Tensor t, int gate, int count) {
    return t.narrow(gate * hiddenSize, (gate + count) * hiddenSize);
  }

  /** {@code out = x · weight_ih^T + bias_ih} for {@code x [B, I]}, {@code out [B, G*H]}. */
  void projectInput(KernelOps ops, Tensor x, Tensor out) {
    ops.gemm(false, true, x.dim(0), gates * hiddenSize, inputSize, 1, x, weightIh.value(), 0, out);
    ops.addRowVector(biasIh.value(), out);
  }

  /**
   * {@code out = beta * out + h · weight_hh^T + bias_hh} for {@code h [B, H]}, {@code out [B, G*H]}.
   */
  void projectHidden(KernelOps ops, Tensor h, double beta, Tensor out) {
    ops.gemm(false, true, h.dim(0), gates * hiddenSize, hiddenSize, 1, h, weightHh.value(), beta, out);
    ops.addRowVector(biasHh.value(), out);
  }

  /**
   * Backward of {@link #projectInput}: accumulates weight_ih and bias_ih gradients and writes
   * {@code dx = dOut · weight_ih}.
   */
  void backInput(KernelOps ops, Tensor dOut, Tensor x, Tensor dx) {
    int batch = x.dim(0);
    int rows = gates * hiddenSize;
    ops.gemm(true, false, rows, inputSize, batch, 1, dOut, x, 1, weightIh.grad());
    ops.sumRows(dOut, biasIh.grad(), true);
    ops.gemm(false, false, batch, inputSize, rows, 1, dOut, weightIh.value(), 0, dx);
  }

  /**
   * Backward of {@link #projectHidden}: accumulates weight_hh and bias_hh gradients and writes
   * {@code dh = beta * dh + dOut · weight_hh}.
   */
  void backHidden(KernelOps ops, Tensor dOut, Tensor h, double beta, Tensor dh) {
    int batch = h.dim(0);
    int rows = gates * hiddenSize;
    ops.gemm(true, false, rows, hiddenSize, batch, 1, dOut, h, 1, weightHh.grad());
    ops.sumRows(dOut, biasHh.grad(), true);
    ops.gemm(false, false, batch, hiddenSize, rows, 1, dOut, weightHh.value(), beta, dh);
  }

  /**
   * {@code out = xs · weight_ih^T + bias_ih} for all steps at once: {@code xs [T, B, I]},
   * {@code out [T, B, G*H]}, one GEMM of {@code T*B} rows. With {@code withHiddenBias},
   * {@code bias_hh} is added here too, for cells whose recurrent product is only ever added to
   * the input projection (Elman, LSTM): the steps then add no bias.
   */
  void projectSequence(KernelOps ops, Tensor xs, Tensor out, boolean withHiddenBias) {
    int rows = xs.dim(0) * xs.dim(1);
    Tensor bias = biasIh.value();
    if (withHiddenBias) {
      combinedBias.copyFrom(biasIh.value());
      ops.axpy(1, biasHh.value(), combinedBias);
      bias = combinedBias;
    }
    ops.gemmBias(false, true, rows, gates * hiddenSize, inputSize, xs, weightIh.value(), bias, out);
  }

  /**
   * Re-packs {@code weight_hh} for {@link #packedHidden} and {@link #backHiddenState}. Call at
   * the start of every sequence: weights change between sequences (optimizer steps, checkpoint
   * loads), never within one.
   */
  void refreshPackedHidden(KernelOps ops) {
    Tensor w = weightHh.value();
    if (packedBy != ops || hiddenForward.source() != w) {
      hiddenForward = ops.packWeight(w, true);
      hiddenBackward = ops.packWeight(w, false);
      packedBy = ops;
    } else {
      hiddenForward.refresh();
      hiddenBackward.refresh();
    }
  }

  /** @return {@code weight_hh} packed for {@code h · W_hh^T}, as of the last refresh */
  PackedWeight packedHidden() {
    return hiddenForward;
  }

  /**
   * {@code out = beta * out + h · weight_hh^T} (no bias: the cells of the sequence path add
   * {@code bias_hh} with the input projection or in their fused step) from the weight packed by
   * the last {@link #refreshPackedHidden}.
   */
  void projectHiddenSequence(KernelOps ops, Tensor h, double beta, Tensor out) {
    ops.gemm(h, hiddenForward, beta, out);
  }

  /** {@code dh = beta * dh + dOut · weight_hh}, without touching parameter gradients. */
  void backHiddenState(KernelOps ops, Tensor dOut, double beta, Tensor dh) {
    ops.gemm(dOut, hiddenBackward, beta, dh);
  }

  /**
   * Backward of a run of steps, one GEMM per product over all {@code R = steps * B} rows:
   * accumulates {@code weight_ih += dIn^T · xs}, {@code weight_hh += dHid^T · hPrev} and the bias
   * gradients the steps summed ({@code bias_ih += inputBiasGrad}, {@code bias_hh +=
   * hiddenBiasGrad}, or {@code inputBiasGrad} for both when {@code hiddenBiasGrad} is null: the
   * two pre-activation gradients are equal), zeroes those sums for the next run, and writes
   * {@code dxs = dIn · weight_ih} unless {@code dxs} is null. Shapes: {@code dIn
   * [steps, B, G*H]}, {@code xs, dxs [steps, B, I]}, {@code hPrev [steps, B, H]}; {@code dHid}
   * is {@code dIn} itself (the recurrent-side gradients equal the input-side ones) or holds only
   * the last {@code X} columns of the recurrent-side gradients, {@code [steps, B, X]}, whose
   * first {@code G*H - X} columns equal {@code dIn}'s (GRU: r and z).
   */
  void backSequence(KernelOps ops, Tensor dIn, Tensor dHid, Tensor xs, Tensor hPrev, Tensor dxs,
      Tensor inputBiasGrad, Tensor hiddenBiasGrad) {
    int rows = xs.dim(0) * xs.dim(1);
    int width = gates * hiddenSize;
    if (dHid == dIn) {
      // one pass over the gate gradients for both weights
      ops.gemmTnPair(width, rows, dIn, xs, weightIh.grad(), hPrev, weightHh.grad());
    } else {
      int own = dHid.size() / rows;
      int shared = width - own;
      Tensor dWhh = weightHh.grad();
      if (shared > 0) {
        // the shared rows of dW_hh read the input-side gradients in place, in the same pass
        ops.gemmTnPair(width, rows, dIn, xs, weightIh.grad(), hPrev, dWhh.narrow(0, shared));
      } else {
        ops.gemm(true, false, width, inputSize, rows, 1, dIn, xs, 1, weightIh.grad());
      }
      ops.gemm(true, false, own, hiddenSize, rows, 1, dHid, hPrev, 1, dWhh.narrow(shared, width));
    }
    ops.axpy(1, inputBiasGrad, biasIh.grad());
    ops.axpy(1, hiddenBiasGrad != null ? hiddenBiasGrad : inputBiasGrad, biasHh.grad());
    inputBiasGrad.fill(0);
    if (hiddenBiasGrad != null) {
      hiddenBiasGrad.fill(0);
    }
    if (dxs != null) {
      ops.gemm(false, false, rows, inputSize, width, 1, dIn, weightIh.value(), 0, dxs);
    }
  }
}
