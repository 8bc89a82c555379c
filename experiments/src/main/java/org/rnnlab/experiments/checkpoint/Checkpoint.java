package org.rnnlab.experiments.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.api.tensor.Tensor;

/**
 * Everything needed to resume a run exactly: the contents of one checkpoint file.
 *
 * @param step optimizer steps completed
 * @param epoch passes over the data completed (0 for endless synthetic tasks)
 * @param dataPosition batches drawn from the training stream
 * @param params parameters by PyTorch name ({@code weight_ih_l0}), float32, in model order
 * @param optimizerState the optimizer's {@code state()} map ({@code exp_avg/weight_ih_l0}, {@code step})
 * @param rng position of every named seed stream ({@link org.rnnlab.experiments.rng.SeedStreams#positions()})
 * @param spec the resolved spec YAML
 * @param provenance the run's provenance JSON
 */
public record Checkpoint(long step, long epoch, long dataPosition, Map<String, Tensor> params,
    Map<String, Tensor> optimizerState, Map<String, Long> rng, String spec, String provenance) {

  /** The layout version this code writes; readers accept exactly the versions they know. */
  public static final int FORMAT_VERSION = 1;

  /** Copies the maps (tensors are shared, not copied) and rejects negative counters. */
  public Checkpoint {
    if (step < 0 || epoch < 0 || dataPosition < 0) {
      throw new IllegalArgumentException("checkpoint counters must be >= 0, got step=" + step
          + " epoch=" + epoch + " data_position=" + dataPosition);
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    optimizerState = Collections.unmodifiableMap(new TreeMap<>(optimizerState));
    rng = Collections.unmodifiableMap(new TreeMap<>(rng));
  }
}
