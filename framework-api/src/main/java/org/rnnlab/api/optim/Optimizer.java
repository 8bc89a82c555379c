package org.rnnlab.api.optim;

import java.util.List;
import java.util.Map;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.tensor.Tensor;

/**
 * Updates parameters from their gradients, with {@code torch.optim}'s exact semantics.
 *
 * <p>Calling order: {@link #init} once, then {@link #step} any number of times, possibly
 * {@link #loadState} after {@code init} to resume, and {@link #reset} to forget all state.
 * <b>Deviating from this order is undefined.</b> {@link #copy()} returns an optimizer with the
 * same hyper-parameters and independent state.
 *
 * <p>Not thread-safe: one optimizer belongs to one training loop.
 */
public interface Optimizer {

  /**
   * Binds the optimizer to parameters and allocates its state.
   *
   * @param parameters the parameters to update, in a stable order
   */
  void init(List<Parameter> parameters);

  /** Applies one update using each parameter's current gradient. */
  void step();

  /** @return current learning rate */
  double learningRate();

  /**
   * Sets the learning rate (LR schedules call this before {@link #step}).
   *
   * @param lr the new rate
   */
  void setLearningRate(double lr);

  /** @return number of {@link #step} calls since init or reset */
  long stepCount();

  /**
   * @return every state tensor keyed {@code "<state>/<parameter name>"} (e.g.
   *     {@code "exp_avg/weight_hh_l0"}) plus {@code "step"}; shared, not copies
   */
  Map<String, Tensor> state();

  /**
   * Restores state previously obtained from {@link #state()}.
   *
   * @param state tensors keyed as {@link #state()} returns them
   * @throws IllegalArgumentException when a key is missing or a shape differs, naming it
   */
  void loadState(Map<String, Tensor> state);

  /** Forgets all state (moments, step count); hyper-parameters stay. */
  void reset();

  /** @return an unbound optimizer with the same hyper-parameters */
  Optimizer copy();
}
