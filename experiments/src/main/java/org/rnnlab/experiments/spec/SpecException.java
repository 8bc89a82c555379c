package org.rnnlab.experiments.spec;

import java.util.List;
import java.util.stream.Collectors;
import org.rnnlab.experiments.UserError;

/**
 * A spec failed to parse or validate. The message has one line per problem,
 * {@code file:line:col: message}, in file order.
 */
public final class SpecException extends UserError {
  private static final long serialVersionUID = 1L;

  private final transient List<SpecError> errors;

  /**
   * @param errors at least one problem
   */
  public SpecException(List<SpecError> errors) {
    super(errors.stream().map(SpecError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** @return the problems found, in file order */
  public List<SpecError> errors() {
    return errors;
  }
}
