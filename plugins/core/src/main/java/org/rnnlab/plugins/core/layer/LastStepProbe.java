package org.rnnlab.plugins.core.layer;

import java.util.List;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.tensor.Tensor;

/**
 * The buffers of {@link RecurrentStack#probeHiddenGradients}: the output gradient cut down to
 * each direction's last processed step, and a copy of the parameter gradients that the probe's
 * backward pass must not change. Both are reused while the shapes stay the same.
 */
final class LastStepProbe {
  private Tensor lastStepDy;
  private Tensor[] savedGrads;

  /**
   * Keeps, of {@code dy [B, T, D*H]}, only each row's last valid step in the forward block and
   * step 0 in the reverse block.
   *
   * @return a reused tensor of {@code dy}'s shape, zero elsewhere
   */
  Tensor lastStepsOnly(Tensor dy, LengthMask mask, int directions, int hidden) {
    if (lastStepDy == null || !lastStepDy.sameShape(dy)) {
      lastStepDy = Tensor.zeros(dy.dtype(), dy.shape());
    } else {
      lastStepDy.fill(0);
    }
    int steps = dy.dim(1);
    int width = dy.dim(2);
    for (int b = 0; b < dy.dim(0); b++) {
      int last = (b * steps + mask.length(b) - 1) * width;
      Tensor.copyRange(dy, last, lastStepDy, last, hidden);
      if (directions == 2) {
        int first = b * steps * width + hidden;
        Tensor.copyRange(dy, first, lastStepDy, first, hidden);
      }
    }
    return lastStepDy;
  }

  /** Copies every parameter's gradient aside. */
  void saveGradients(List<Parameter> parameters) {
    if (savedGrads == null) {
      savedGrads = new Tensor[parameters.size()];
      for (int i = 0; i < savedGrads.length; i++) {
        savedGrads[i] = parameters.get(i).grad().copy();
      }
    } else {
      for (int i = 0; i < savedGrads.length; i++) {
        savedGrads[i].copyFrom(parameters.get(i).grad());
      }
    }
  }

  /** Puts back what {@link #saveGradients} copied. */
  void restoreGradients(List<Parameter> parameters) {
    for (int i = 0; i < savedGrads.length; i++) {
      parameters.get(i).grad().copyFrom(savedGrads[i]);
    }
  }
}
