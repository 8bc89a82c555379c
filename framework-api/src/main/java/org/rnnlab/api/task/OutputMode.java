package org.rnnlab.api.task;

/** Which time steps of the model's output are scored against the target. */
public enum OutputMode {
  /** only the output at each sequence's last valid step ({@code lengths[b] - 1}) */
  LAST_STEP,
  /** the output at every time step, weighted by the batch mask */
  EVERY_STEP
}
