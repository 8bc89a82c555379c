package org.rnnlab.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of a gradient check: one {@link TensorComparison} of analytic against numerical
 * gradient per checked tensor (parameters, inputs, states).
 *
 * @param subject what was checked, e.g. {@code "cell lstm (step)"}
 * @param tensors one comparison per tensor
 */
public record GradientCheckResult(String subject, List<TensorComparison> tensors) {

  /** Copies the list. */
  public GradientCheckResult {
    tensors = List.copyOf(tensors);
  }

  /** @return true when every tensor is within tolerance */
  public boolean passes() {
    return !tensors.isEmpty() && tensors.stream().allMatch(TensorComparison::passes);
  }

  /** @return the tensor with the largest error relative to its allowed error */
  public TensorComparison worst() {
    return tensors.stream()
        .max((a, b) -> Double.compare(a.worstRatio(), b.worstRatio())).orElseThrow();
  }

  /** @return a multi-line report: subject, verdict, then every tensor */
  public String summary() {
    return tensors.stream().map(t -> (t.passes() ? "  ok   " : "  FAIL ") + t)
        .collect(Collectors.joining("\n", subject + (passes() ? ": passed\n" : ": FAILED\n"), ""));
  }

  /**
   * Throws when the check failed, for use in tests.
   *
   * @throws AssertionError with {@link #summary()} as message
   */
  public void assertPasses() {
    if (!passes()) {
      throw new AssertionError(summary());
    }
  }
}
