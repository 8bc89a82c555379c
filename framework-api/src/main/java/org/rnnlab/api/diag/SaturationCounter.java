package org.rnnlab.api.diag;

import java.util.List;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Counts how many gate outputs lie in their gate's saturated region (see {@link GateKind}), per
 * gate, over any number of time steps and batch rows.
 *
 * <p>Typical use by the recurrent layer on a diagnostics step: {@code counter.reset()}; after each
 * forward step, {@link GateProbe#countSaturation} (or the fused sequence path) adds that step's
 * gate outputs; at the end, {@link DiagnosticsSink#gateSaturation} receives the counter. Counts are
 * {@code long}, so no overflow for any realistic {@code T * B * H}.
 *
 * <p><b>Not thread-safe:</b> one counter per layer and direction.
 */
public final class SaturationCounter {
  private final GateSpec[] gates;
  private final long[] saturated;
  private final long[] total;

  /**
   * @param gates the gates in the cell's gate order (usually {@link GateProbe#gates()})
   */
  public SaturationCounter(List<GateSpec> gates) {
    if (gates.isEmpty()) {
      throw new IllegalArgumentException("a saturation counter needs at least one gate");
    }
    this.gates = gates.toArray(GateSpec[]::new);
    this.saturated = new long[this.gates.length];
    this.total = new long[this.gates.length];
  }

  /** Sets all counts to zero. */
  public void reset() {
    java.util.Arrays.fill(saturated, 0);
    java.util.Arrays.fill(total, 0);
  }

  /** @return the number of gates */
  public int gateCount() {
    return gates.length;
  }

  /**
   * @param gate gate index in {@code [0, gateCount())}
   * @return that gate's name and kind
   */
  public GateSpec gate(int gate) {
    return gates[gate];
  }

  /**
   * @param gate gate index
   * @return outputs counted as saturated so far
   */
  public long saturated(int gate) {
    return saturated[gate];
  }

  /**
   * @param gate gate index
   * @return outputs counted so far
   */
  public long total(int gate) {
    return total[gate];
  }

  /**
   * Counts {@code length} consecutive gate outputs.
   *
   * @param gate gate index
   * @param data storage holding the outputs
   * @param offset index of the first output
   * @param length number of outputs
   */
  public void count(int gate, float[] data, int offset, int length) {
    GateKind kind = gates[gate].kind();
    long n = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      if (kind.saturated(data[i])) {
        n++;
      }
    }
    saturated[gate] += n;
    total[gate] += length;
  }

  /**
   * Counts {@code length} consecutive gate outputs.
   *
   * @param gate gate index
   * @param data storage holding the outputs
   * @param offset index of the first output
   * @param length number of outputs
   */
  public void count(int gate, double[] data, int offset, int length) {
    GateKind kind = gates[gate].kind();
    long n = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      if (kind.saturated(data[i])) {
        n++;
      }
    }
    saturated[gate] += n;
    total[gate] += length;
  }

  /**
   * Counts the gate outputs of a cell whose activations for all gates sit side by side in each
   * row: {@code gateOutputs [B, G*H]} with gate {@code g} in columns {@code [g*H, (g+1)*H)} (the
   * PyTorch / cuDNN layout). {@code G} must equal {@link #gateCount()}.
   *
   * @param gateOutputs post-activation gate values {@code [B, G*H]}
   */
  public void countRows(Tensor gateOutputs) {
    if (gateOutputs.rank() != 2 || gateOutputs.dim(1) % gates.length != 0) {
      throw new IllegalArgumentException("gateOutputs: expected shape [B, " + gates.length
          + "*H] but got " + java.util.Arrays.toString(gateOutputs.shape()));
    }
    int rows = gateOutputs.dim(0);
    int width = gateOutputs.dim(1);
    int h = width / gates.length;
    boolean f32 = gateOutputs.dtype() == DType.FLOAT32;
    for (int r = 0; r < rows; r++) {
      int rowStart = gateOutputs.offset() + r * width;
      for (int g = 0; g < gates.length; g++) {
        if (f32) {
          count(g, gateOutputs.floats(), rowStart + g * h, h);
        } else {
          count(g, gateOutputs.doubles(), rowStart + g * h, h);
        }
      }
    }
  }
}
