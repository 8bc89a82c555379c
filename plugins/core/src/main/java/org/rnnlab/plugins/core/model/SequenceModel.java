package org.rnnlab.plugins.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.OutputMode;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.core.layer.StackDiagnostics;
import org.rnnlab.plugins.core.layer.Truncation;

/**
 * The model a spec describes: optional embedding, a recurrent stack, and a linear head applied
 * either to every time step or to the final state.
 *
 * <pre>
 *   in   = embedding(tokens) [B, T, E]   or   x [B, T, I]
 *   y, h_n = stack(in, lengths)          y [B, T, D*H], h_n [L*D, B, H]
 *   EVERY_STEP: prediction = head(y)                         [B*T, O]
 *   LAST_STEP:  prediction = head([h_n fwd | h_n reverse])   [B, O]   (top layer)
 * </pre>
 *
 * For variable lengths, "last step" is each sequence's last valid step, as with PyTorch's
 * packed sequences. Not thread-safe: one model belongs to one training loop.
 */
public final class SequenceModel {
  private final Embedding embedding;
  private final RecurrentStack stack;
  private final Linear head;
  private final OutputMode mode;
  private final DType dtype;
  private final List<Parameter> parameters;

  private Batch batch;
  private Tensor features;

  /**
   * @param embedding token embedding, or null when the batch carries feature vectors
   * @param stack the recurrent layers
   * @param head output layer; its input size must be {@code D*H}
   * @param mode which steps are scored
   * @param dtype element type of all parts
   */
  public SequenceModel(Embedding embedding, RecurrentStack stack, Linear head, OutputMode mode,
      DType dtype) {
    this.embedding = embedding;
    this.stack = stack;
    this.head = head;
    this.mode = mode;
    this.dtype = dtype;
    List<Parameter> all = new ArrayList<>();
    if (embedding != null) {
      all.addAll(embedding.parameters());
    }
    all.addAll(stack.parameters());
    all.addAll(head.parameters());
    this.parameters = List.copyOf(all);
    // feature inputs are data: nothing upstream wants their gradient
    stack.setInputGradient(embedding != null);
  }

  /** @return every parameter: embedding, then the stack in PyTorch order, then the head */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** @return the recurrent stack */
  public RecurrentStack stack() {
    return stack;
  }

  /**
   * Initialises every part from its own split of {@code rng}, in a fixed order.
   *
   * @param rng the model's initialisation stream
   */
  public void resetParameters(SplittableRandom rng) {
    SplittableRandom embRng = rng.split();
    SplittableRandom stackRng = rng.split();
    SplittableRandom headRng = rng.split();
    if (embedding != null) {
      embedding.resetParameters(embRng);
    }
    stack.resetParameters(stackRng);
    head.resetParameters(headRng);
  }

  /** Sets every parameter gradient to zero. */
  public void zeroGrad() {
    parameters.forEach(Parameter::zeroGrad);
  }

  /**
   * @param ops kernels
   * @param input the batch ({@code tokens} are used when the model has an embedding)
   * @param dropoutRng training dropout stream, or null for evaluation
   * @return predictions {@code [B*T, O]} (every step) or {@code [B, O]} (last step)
   */
  public Tensor forward(KernelOps ops, Batch input, SplittableRandom dropoutRng) {
    return forward(ops, input, dropoutRng, StackDiagnostics.NONE);
  }

  /**
   * {@link #forward(KernelOps, Batch, SplittableRandom)} that also reports the stack's gate
   * saturation when {@code diag} asks for it.
   *
   * @param diag what the stack reports; {@link StackDiagnostics#NONE} for nothing
   * @throws NonFiniteGradientException when the gradient reaching the recurrent stack overflowed
   */
  public Tensor forward(KernelOps ops, Batch input, SplittableRandom dropoutRng,
      StackDiagnostics diag) {
    this.batch = input;
    int b = input.batchSize();
    int t = input.x().dim(1);
    Tensor in = input.x();
    if (embedding != null) {
      if (input.tokens() == null) {
        throw new IllegalArgumentException("tokens: the model has an embedding but the batch has no token ids");
      }
      in = Tensor.zeros(dtype, b * t, embedding.dim());
      embedding.forward(input.tokens(), in);
      in = in.reshape(b, t, embedding.dim());
    } else if (in.dtype() != dtype) {
      in = in.to(dtype);
    }
    RecurrentStack.Output out = stack.forward(ops, in, input.lengths(), null, dropoutRng, diag);
    features = mode == OutputMode.EVERY_STEP
        ? out.y().reshape(b * t, out.y().dim(2))
        : topFinalStates(out.finalStates()[0], b);
    Tensor prediction = Tensor.zeros(dtype, features.dim(0), head.outputSize());
    head.forward(ops, features, prediction);
    return prediction;
  }

  /**
   * Back-propagates the last {@link #forward}; accumulates every parameter gradient.
   *
   * @param ops kernels
   * @param dPrediction gradient of the loss w.r.t. the predictions
   * @param truncation TBPTT(k1, k2) or null for full BPTT
   */
  public void backward(KernelOps ops, Tensor dPrediction, Truncation truncation) {
    backward(ops, dPrediction, truncation, StackDiagnostics.NONE);
  }

  /**
   * {@link #backward(KernelOps, Tensor, Truncation)} that also reports {@code ||dL/dh_t||} when
   * {@code diag} asks for it. With {@link OutputMode#LAST_STEP} the loss already sits on the last
   * step, so the real backward pass reports. With {@link OutputMode#EVERY_STEP} the per-step
   * losses would mask the decay with distance, so an extra probe pass
   * ({@link RecurrentStack#probeHiddenGradients}) back-propagates only each direction's
   * last-step output gradient and reports; it leaves all parameter gradients unchanged.
   *
   * @param diag what the stack reports; {@link StackDiagnostics#NONE} for nothing
   * @throws NonFiniteGradientException when the gradient reaching the recurrent stack overflowed
   */
  public void backward(KernelOps ops, Tensor dPrediction, Truncation truncation,
      StackDiagnostics diag) {
    if (batch == null) {
      throw new IllegalStateException("backward needs a preceding forward pass");
    }
    int b = batch.batchSize();
    int t = batch.x().dim(1);
    int width = features.dim(1);
    Tensor dFeatures = Tensor.zeros(dtype, features.dim(0), width);
    head.backward(ops, features, dPrediction, dFeatures);
    // the kernels' vectorised scan first (a scalar scan of [B*T, D*H] was ~2 % of a step); the
    // element is looked up only for the message. A huge head weight times a large finite loss
    // gradient overflows float32 here.
    if (!Double.isFinite(ops.maxAbs(dFeatures))) {
      int bad = dFeatures.firstNonFinite();
      throw new NonFiniteGradientException("head_input", bad, dFeatures.get(bad));
    }
    RecurrentStack.Gradients g;
    if (mode == OutputMode.EVERY_STEP) {
      Tensor dy = dFeatures.reshape(b, t, width);
      stack.probeHiddenGradients(ops, dy, truncation, diag);
      g = stack.backward(ops, dy, null, truncation, diag.withoutHiddenGradients());
    } else {
      g = stack.backward(ops, Tensor.zeros(dtype, b, t, width), topFinalStateGradients(dFeatures, b),
          truncation, diag);
    }
    if (embedding != null) {
      embedding.backward(batch.tokens(), g.dx().reshape(b * t, embedding.dim()));
    }
  }

  /** {@code [B, D*H]}: per row, the top layer's final h of each direction side by side. */
  private Tensor topFinalStates(Tensor hn, int b) {
    int dirs = stack.spec().directions();
    int h = stack.spec().hiddenSize();
    int top = (stack.spec().numLayers() - 1) * dirs;
    Tensor out = Tensor.zeros(dtype, b, dirs * h);
    for (int r = 0; r < b; r++) {
      for (int d = 0; d < dirs; d++) {
        out.view(r * dirs * h + d * h, h).copyFrom(hn.slice(top + d).view(r * h, h));
      }
    }
    return out;
  }

  private Tensor[] topFinalStateGradients(Tensor dFeatures, int b) {
    int dirs = stack.spec().directions();
    int h = stack.spec().hiddenSize();
    int rows = stack.spec().numLayers() * dirs;
    int top = (stack.spec().numLayers() - 1) * dirs;
    Tensor[] d = new Tensor[stack.stateCount()];
    for (int k = 0; k < d.length; k++) {
      d[k] = Tensor.zeros(dtype, rows, b, h);
    }
    for (int r = 0; r < b; r++) {
      for (int dir = 0; dir < dirs; dir++) {
        d[0].slice(top + dir).view(r * h, h).copyFrom(dFeatures.view(r * dirs * h + dir * h, h));
      }
    }
    return d;
  }
}
