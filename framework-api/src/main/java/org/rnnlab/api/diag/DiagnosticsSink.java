package org.rnnlab.api.diag;

import org.rnnlab.api.tensor.Tensor;

/**
 * Receives training diagnostics. The trainer and the shared recurrent layer call it; the
 * {@code reports} module's recorder keeps what arrives, writes {@code diagnostics.h5} and renders
 * the run report from it. {@link #NONE} discards everything.
 *
 * <h2>Who calls what, and when</h2>
 * <ul>
 *   <li><b>Trainer, every step</b> (cheap): {@link #scalar} for {@code train/loss}, the learning
 *       rate {@code lr}, {@code train/grad_norm} (global norm before clipping) and training
 *       metrics {@code train/<metric>}; {@link #gradientClipped} when clipping rescaled the
 *       gradient; {@link #nonFinite} when a loss, gradient or parameter holds NaN or infinity.
 *   <li><b>Trainer, on evaluation</b>: {@link #scalar} for {@code eval/loss} and
 *       {@code eval/<metric>}, with the step of the model that was evaluated.
 *   <li><b>Trainer, on steps {@link #wants} accepts</b>: {@link #parameter} once per parameter
 *       after the optimizer update.
 *   <li><b>Trainer, on steps {@link #wantsSpectrum} accepts</b>: {@link #recurrentWeight} once
 *       per recurrent weight (after the update; {@code O(H^3)}, hence its own cadence).
 *   <li><b>Recurrent layer, on steps {@link #wants} accepts</b>: {@link #hiddenGradientNorms}
 *       once per layer and direction after its backward pass, and {@link #gateSaturation} once
 *       per layer and direction after its forward pass (cells implementing {@link GateProbe}).
 *   <li><b>Trainer, at checkpoints and at the end of the run</b>: {@link #flush}.
 * </ul>
 * Step numbers are the 0-based count of optimizer updates made before the one being diagnosed.
 * Layer keys are PyTorch's parameter suffixes: {@code l0}, {@code l0_reverse}, {@code l1}, ...
 * Names must be non-empty; a {@code '/'} groups names ({@code train/loss}).
 *
 * <h2>Cost</h2>
 * Callers must ask {@link #wants} before computing anything only a probe needs (per-step norms,
 * saturation counts), so a run with {@link #NONE} or a sparse cadence pays nothing. Array
 * arguments are read during the call and never retained, so callers may reuse them.
 *
 * <h2>Thread-safety</h2>
 * <b>Implementations must accept concurrent calls from different threads</b> (the two directions
 * of a bidirectional layer may run in parallel). Calls for the same name (series) come from one
 * thread at a time and in increasing step order.
 */
public interface DiagnosticsSink {

  /** A sink that wants no step and ignores every call. */
  DiagnosticsSink NONE = new DiagnosticsSink() {
    @Override public boolean wants(long step) {
      return false;
    }

    @Override public void scalar(long step, String name, double value) {}

    @Override public void parameter(long step, String name, double gradNorm, double gradMaxAbs,
        double updateRatio) {}

    @Override public void hiddenGradientNorms(long step, String layer, boolean reverse,
        double[] norms, int length) {}

    @Override public void gateSaturation(long step, String layer, SaturationCounter counter) {}

    @Override public void recurrentWeight(long step, String parameter, Tensor weight,
        int gateBlocks) {}

    @Override public void gradientClipped(long step, double preClipNorm, double maxNorm) {}

    @Override public void nonFinite(long step, String tensor, int index, double value) {}

    @Override public String toString() {
      return "DiagnosticsSink.NONE";
    }
  };

  /**
   * @param step a training step
   * @return true when the per-step probes (everything except {@link #scalar},
   *     {@link #gradientClipped} and {@link #nonFinite}) should be computed for {@code step};
   *     usually {@link DiagnosticsCadence#wants}
   */
  boolean wants(long step);

  /**
   * @param step a training step
   * @return true when {@link #recurrentWeight} should be called for {@code step}; by default the
   *     same steps as {@link #wants}
   */
  default boolean wantsSpectrum(long step) {
    return wants(step);
  }

  /**
   * Records one value of a scalar series.
   *
   * @param step training step
   * @param name series name: {@code train/loss}, {@code eval/loss}, {@code lr},
   *     {@code train/grad_norm}, {@code train/<metric>}, {@code eval/<metric>}
   * @param value the value (non-finite values are recorded as they are)
   */
  void scalar(long step, String name, double value);

  /**
   * Records one parameter's gradient and update statistics after the optimizer update.
   *
   * @param step training step
   * @param name PyTorch-style parameter name, e.g. {@code weight_hh_l0}
   * @param gradNorm {@code ||g||_2} of the gradient the optimizer received (after clipping)
   * @param gradMaxAbs {@code max_i |g_i|}
   * @param updateRatio {@code ||w_after - w_before||_2 / ||w_before||_2}; NaN when
   *     {@code ||w_before|| = 0}. Around 1e-3 is the usual rule of thumb for a healthy rate.
   */
  void parameter(long step, String name, double gradNorm, double gradMaxAbs, double updateRatio);

  /**
   * Records, for one layer and direction, the norm of the gradient of the loss with respect to
   * the hidden output at every time step: {@code norms[t] = ||dL/dh_t||_F}, the Frobenius norm
   * over the batch rows and hidden units of the gradient arriving at {@code h_t} (the
   * {@code dNext[0]} given to {@link org.rnnlab.api.cell.Cell#backward} at step {@code t}).
   * Padding steps of variable-length batches contribute zero.
   *
   * <p>For a loss on the last step only (many-to-one) this is exactly how much of the final
   * gradient survives {@code T-1-t} steps back through time. With a loss at every step the
   * local terms mask the decay, so the trainer should then diagnose with the output gradient of
   * the last step only (a probe backward pass) on diagnostics steps.
   *
   * @param step training step
   * @param layer layer and direction key, e.g. {@code l0} or {@code l0_reverse}
   * @param reverse true when this direction runs from {@code t = T-1} down to {@code 0}, so its
   *     "last step" is {@code t = 0}
   * @param norms {@code ||dL/dh_t||} indexed by time step {@code t} (not processing order)
   * @param length number of valid entries {@code T >= 1}; {@code norms.length >= length}
   */
  void hiddenGradientNorms(long step, String layer, boolean reverse, double[] norms, int length);

  /**
   * Records the gate saturation of one layer and direction over one forward pass: for each gate
   * the fraction {@code counter.saturated(g) / counter.total(g)}.
   *
   * @param step training step
   * @param layer layer and direction key
   * @param counter counts accumulated over all time steps of the batch; read during the call
   */
  void gateSaturation(long step, String layer, SaturationCounter counter);

  /**
   * Records the spectrum of a recurrent weight matrix: its largest singular value and spectral
   * radius, for the whole matrix and for each of its {@code G} gate blocks of shape {@code [H, H]}
   * (an LSTM's {@code weight_hh [4H, H]} holds the blocks {@code i, f, g, o}). Implementations
   * may take {@code O(H^3)} time here; that is why it runs only on wanted steps.
   *
   * @param step training step
   * @param parameter parameter name, e.g. {@code weight_hh_l0}
   * @param weight the matrix {@code [G*H, H]}; read during the call, never retained
   * @param gateBlocks {@code G}, the number of stacked square blocks (1 for a plain RNN)
   */
  void recurrentWeight(long step, String parameter, Tensor weight, int gateBlocks);

  /**
   * Records that gradient clipping rescaled the gradient on this step.
   *
   * @param step training step
   * @param preClipNorm global gradient norm before clipping
   * @param maxNorm the clipping threshold
   */
  void gradientClipped(long step, double preClipNorm, double maxNorm);

  /**
   * Reports a NaN or infinite value. Implementations keep at least the first report of a run.
   *
   * @param step training step
   * @param tensor what held it: a parameter or gradient name ({@code grad/weight_hh_l0}), or
   *     {@code loss}
   * @param index flat index of the first non-finite element, or -1 for a scalar
   * @param value the value found
   */
  void nonFinite(long step, String tensor, int index, double value);

  /** Persists what was recorded so far (no-op unless the sink stores anything). */
  default void flush() {}
}
