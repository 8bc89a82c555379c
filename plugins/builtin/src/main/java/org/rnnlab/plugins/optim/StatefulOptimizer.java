package org.rnnlab.plugins.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * Shared machinery of the built-in optimizers: binding to parameters, per-parameter state tensors
 * named as {@code torch.optim} names them ({@code exp_avg}, {@code momentum_buffer}, ...), the
 * step counter and the {@link #state()}/{@link #loadState} round trip.
 *
 * <p>State tensors have the shape and dtype of their parameter (as in PyTorch); the step counter
 * is a FLOAT64 tensor of shape {@code [1]} under the key {@code "step"}. Subclasses implement the
 * per-parameter update, computing every element in double and storing it back. {@link #copy()}
 * of a subclass starts from the configured learning rate, not from one set by
 * {@link #setLearningRate}. Not thread-safe.
 */
abstract class StatefulOptimizer implements Optimizer {
  private static final String STEP = "step";

  private double lr;
  private final List<String> slotNames;
  private final Tensor step = Tensor.zeros(DType.FLOAT64, 1);
  private final Map<String, Tensor> state = new LinkedHashMap<>();
  private List<Parameter> parameters;
  private Tensor[][] slots;

  /**
   * @param lr initial learning rate
   * @param slotNames per-parameter state names, in the order {@link #update} receives them
   */
  StatefulOptimizer(double lr, List<String> slotNames) {
    this.lr = lr;
    this.slotNames = List.copyOf(slotNames);
  }

  /**
   * Applies one update to one parameter.
   *
   * @param value the parameter values (updated in place)
   * @param grad the gradient
   * @param slots this parameter's state tensors, in {@code slotNames} order (updated in place)
   * @param step the step number, 1 for the first step after init or reset
   * @param lr the current learning rate
   */
  abstract void update(Tensor value, Tensor grad, Tensor[] slots, long step, double lr);

  /**
   * @param slot a slot name
   * @return the value the slot holds after init and reset (0 unless overridden)
   */
  double initialValue(String slot) {
    return 0;
  }

  @Override
  public final void init(List<Parameter> params) {
    Set<String> names = new HashSet<>();
    for (Parameter p : params) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("parameter name '" + p.name() + "' is not unique");
      }
    }
    parameters = List.copyOf(params);
    slots = new Tensor[parameters.size()][slotNames.size()];
    state.clear();
    for (int s = 0; s < slotNames.size(); s++) {
      for (int i = 0; i < parameters.size(); i++) {
        Tensor v = parameters.get(i).value();
        slots[i][s] = Tensor.zeros(v.dtype(), v.shape());
        state.put(slotNames.get(s) + "/" + parameters.get(i).name(), slots[i][s]);
      }
    }
    state.put(STEP, step);
    reset();
  }

  @Override
  public final void step() {
    if (parameters == null) {
      throw new IllegalStateException(getClass().getSimpleName() + ".step() called before init()");
    }
    long t = stepCount() + 1;
    step.set(0, t);
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      update(p.value(), p.grad(), slots[i], t, lr);
    }
  }

  @Override
  public final double learningRate() {
    return lr;
  }

  @Override
  public final void setLearningRate(double lr) {
    HyperChecks.nonNegative("lr", lr);
    this.lr = lr;
  }

  @Override
  public final long stepCount() {
    return (long) step.get(0);
  }

  @Override
  public final Map<String, Tensor> state() {
    return Collections.unmodifiableMap(state);
  }

  @Override
  public final void loadState(Map<String, Tensor> source) {
    if (parameters == null) {
      throw new IllegalStateException(getClass().getSimpleName() + ".loadState() called before init()");
    }
    List<String> unexpected = new ArrayList<>();
    for (String key : source.keySet()) {
      if (!state.containsKey(key)) {
        unexpected.add(key);
      }
    }
    if (!unexpected.isEmpty()) {
      throw new IllegalArgumentException(
          "optimizer state: unexpected keys " + unexpected + "; expected " + state.keySet());
    }
    // validate everything before copying anything, so a failed load leaves the state untouched
    for (Map.Entry<String, Tensor> e : state.entrySet()) {
      Tensor src = source.get(e.getKey());
      if (src == null) {
        throw new IllegalArgumentException(
            "optimizer state: missing key '" + e.getKey() + "'; expected " + state.keySet());
      }
      Tensor.requireShape(e.getKey(), src, e.getValue().shape());
    }
    double t = source.get(STEP).get(0);
    if (!(t >= 0) || t != Math.rint(t)) {
      throw new IllegalArgumentException("step: expected a whole number >= 0 but got " + t);
    }
    for (Map.Entry<String, Tensor> e : state.entrySet()) {
      e.getValue().copyFrom(source.get(e.getKey()));
    }
  }

  @Override
  public final void reset() {
    step.set(0, 0);
    if (slots == null) {
      return;
    }
    for (Tensor[] perParam : slots) {
      for (int s = 0; s < slotNames.size(); s++) {
        perParam[s].fill(initialValue(slotNames.get(s)));
      }
    }
  }
}
