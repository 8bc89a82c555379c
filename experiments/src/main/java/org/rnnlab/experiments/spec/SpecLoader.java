package org.rnnlab.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rnnlab.api.task.Task;
import org.rnnlab.experiments.UserError;

/**
 * Reads, overrides, binds and validates a spec: the only way specs enter rnnlab. Nothing is
 * written anywhere; all problems are reported together in one {@link SpecException}.
 * Thread-safe (holds only the immutable catalog).
 */
public final class SpecLoader {
  private static final int MAX_ERRORS = 20;

  private final PluginCatalog catalog;

  /**
   * @param catalog the plugin names specs may use
   */
  public SpecLoader(PluginCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param file a spec YAML file
   * @param overrides {@code key.path=value} overrides applied before binding
   * @return the validated spec
   * @throws UserError when the file cannot be read
   * @throws SpecException listing every problem
   */
  public LoadedSpec load(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("cannot read spec " + file + ": " + describe(e), e);
    }
    return parse(file.toString(), text, overrides);
  }

  /**
   * @param source the name used in messages
   * @param yaml the spec text
   * @param overrides {@code key.path=value} overrides applied before binding
   * @return the validated spec
   * @throws SpecException listing every problem
   */
  public LoadedSpec parse(String source, String yaml, List<String> overrides) {
    YamlTreeReader.SourceTree tree = YamlTreeReader.read(source, yaml);
    Overrides.apply(tree.root(), overrides, tree.locations());
    RecordBinder binder = new RecordBinder(catalog, tree.locations());
    RecordBinder.Bound bound = binder.bindRecord(ExperimentSpec.class, tree.root(), "", null, "the spec");
    if (!binder.errors().isEmpty()) {
      throw sorted(binder.errors());
    }
    ExperimentSpec spec = (ExperimentSpec) bound.value();
    Task task;
    try {
      task = SpecValidator.createTask(catalog, spec.task());
    } catch (IllegalArgumentException e) {
      throw sorted(List.of(new SpecError(tree.locations().locate("task"), "invalid task: " + e.getMessage())));
    }
    List<SpecError> problems = new SpecValidator(catalog, tree.locations()).validate(spec, task);
    if (!problems.isEmpty()) {
      throw sorted(problems);
    }
    return new LoadedSpec(spec, task, toYaml(bound.resolved()), source);
  }

  private static String toYaml(JsonNode resolved) {
    try {
      return SpecMapper.yaml().writeValueAsString(resolved);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write resolved spec", e);
    }
  }

  /** File errors in line order, then override errors; at most {@value #MAX_ERRORS}. */
  private static SpecException sorted(List<SpecError> errors) {
    List<SpecError> list = new ArrayList<>(errors);
    list.sort(Comparator.comparing((SpecError e) -> e.location().line() == 0)
        .thenComparingInt(e -> e.location().line())
        .thenComparingInt(e -> e.location().column()));
    return new SpecException(list.size() > MAX_ERRORS ? list.subList(0, MAX_ERRORS) : list);
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
