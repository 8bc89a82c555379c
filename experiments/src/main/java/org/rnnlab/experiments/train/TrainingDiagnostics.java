package org.rnnlab.experiments.train;

import java.util.List;
import java.util.Map;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.diag.DiagnosticsSink;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.reg.Regularizer;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.experiments.spec.DiagnosticsSpec;
import org.rnnlab.plugins.core.layer.StackDiagnostics;
import org.rnnlab.plugins.reg.ClipNormConfig;
import org.rnnlab.plugins.reg.ClipValueConfig;

/**
 * Reports what the training loop knows to a {@link DiagnosticsSink}, in the order its Javadoc
 * prescribes. Every step (cheap): {@code train/loss}, {@code lr}, {@code train/grad_norm} (global
 * norm before clipping), clip events with the pre-clip value, the first non-finite value. On
 * steps the sink wants: per-parameter {@code ||g||}, {@code max|g|} and update ratio
 * {@code ||Δw|| / ||w||} (the weights are copied before the update on those steps only, into
 * buffers allocated once), and the {@link StackDiagnostics} the model hands to the recurrent
 * layer. On steps the sink wants a spectrum ({@code diagnostics.spectrum_every}, 0 for none):
 * every {@code weight_hh_l*}.
 *
 * <p>Step numbers follow the sink: the 0-based count of updates made before the diagnosed one,
 * so the trainer's 1-based step {@code n} is diagnosed as {@code n - 1}; evaluations are
 * reported at {@code n}, the number of updates the evaluated model has had.
 *
 * <p>Not thread-safe: one instance per training loop.
 */
final class TrainingDiagnostics {
  private static final String RECURRENT_WEIGHT = "weight_hh_l";

  /** A gradient-transform regularizer, its threshold and the events already reported. */
  private static final class Clip {
    final Regularizer regularizer;
    final double threshold;
    long reported;

    Clip(Regularizer regularizer, double threshold) {
      this.regularizer = regularizer;
      this.threshold = threshold;
      this.reported = regularizer.events();
    }
  }

  private final DiagnosticsSink sink;
  private final boolean hiddenGradients;
  private final boolean gateSaturation;
  private final boolean spectra;
  private final List<Parameter> params;
  private final List<Clip> clips;
  private Tensor[] before;
  private boolean nonFiniteSeen;

  /**
   * @param sink where reports go; {@link DiagnosticsSink#NONE} when diagnostics are off
   * @param spec which layer probes run
   * @param params every model parameter
   * @param transforms the gradient-transform regularizers with their spec configs, in order
   */
  TrainingDiagnostics(DiagnosticsSink sink, DiagnosticsSpec spec, List<Parameter> params,
      Map<Regularizer, PluginConfig> transforms) {
    this.sink = sink;
    this.hiddenGradients = spec.perStepGradients();
    this.gateSaturation = spec.gateSaturation();
    this.spectra = spec.spectrumEvery() > 0;
    this.params = params;
    this.clips = transforms.entrySet().stream()
        .map(e -> new Clip(e.getKey(), threshold(e.getValue()))).toList();
  }

  /** @return the threshold of a built-in clipping config, NaN for others */
  private static double threshold(PluginConfig config) {
    return switch (config) {
      case ClipNormConfig c -> c.maxNorm();
      case ClipValueConfig c -> c.clipValue();
      default -> Double.NaN;
    };
  }

  /** @return what the recurrent layer should report on step {@code step} */
  StackDiagnostics stack(long step) {
    return (hiddenGradients || gateSaturation) && sink.wants(step)
        ? new StackDiagnostics(sink, step, hiddenGradients, gateSaturation) : StackDiagnostics.NONE;
  }

  /** Reports the first non-finite value of the run (later ones add nothing). */
  void nonFinite(long step, String tensor, int index, double value) {
    if (!nonFiniteSeen) {
      nonFiniteSeen = true;
      sink.nonFinite(step, tensor, index, value);
    }
  }

  /** After the gradient transforms ran: reports each one that clipped on this step. */
  void afterTransforms(long step) {
    for (Clip c : clips) {
      long events = c.regularizer.events();
      if (events > c.reported) {
        sink.gradientClipped(step, c.regularizer.lastPreClipValue(), c.threshold);
      }
      c.reported = events;
    }
  }

  /** Just before the optimizer update: keeps the weights when the step is wanted. */
  void beforeUpdate(long step) {
    if (!sink.wants(step)) {
      return;
    }
    if (before == null) {
      before = new Tensor[params.size()];
      for (int i = 0; i < before.length; i++) {
        before[i] = params.get(i).value().copy();
      }
    } else {
      for (int i = 0; i < before.length; i++) {
        before[i].copyFrom(params.get(i).value());
      }
    }
  }

  /** Just after the optimizer update: per-parameter statistics and recurrent spectra. */
  void afterUpdate(KernelOps ops, long step) {
    if (sink.wants(step)) {
      for (int i = 0; i < before.length; i++) {
        Parameter p = params.get(i);
        double normBefore = Math.sqrt(ops.sumOfSquares(before[i]));
        ops.axpy(-1, p.value(), before[i]);   // before := w_before - w_after
        double delta = Math.sqrt(ops.sumOfSquares(before[i]));
        sink.parameter(step, p.name(), Math.sqrt(ops.sumOfSquares(p.grad())), ops.maxAbs(p.grad()),
            normBefore == 0 ? Double.NaN : delta / normBefore);
      }
    }
    if (spectra && sink.wantsSpectrum(step)) {
      for (Parameter p : params) {
        Tensor w = p.value();
        if (p.name().startsWith(RECURRENT_WEIGHT) && w.rank() == 2 && w.dim(0) % w.dim(1) == 0) {
          sink.recurrentWeight(step, p.name(), w, w.dim(0) / w.dim(1));
        }
      }
    }
  }

  /** The cheap per-step scalars. */
  void trained(long step, double loss, double lr, double gradNorm) {
    sink.scalar(step, "train/loss", loss);
    sink.scalar(step, "lr", lr);
    sink.scalar(step, "train/grad_norm", gradNorm);
  }

  /** An evaluation of the model after {@code updates} optimizer updates. */
  void evaluated(long updates, Evaluator.Result result) {
    sink.scalar(updates, "eval/loss", result.loss());
    result.metrics().forEach((k, v) -> sink.scalar(updates, "eval/" + k, v));
  }
}
