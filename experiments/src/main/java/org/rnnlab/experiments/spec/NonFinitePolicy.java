package org.rnnlab.experiments.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the trainer does when a loss or gradient is NaN or infinite. */
public enum NonFinitePolicy {
  /** keep the last good checkpoint and end the run with an error */
  @JsonProperty("stop") STOP,
  /** drop this step's update and continue (counted in the metrics) */
  @JsonProperty("skip") SKIP
}
