package org.rnnlab.experiments.task;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rnnlab.api.task.TaskFactory;
import org.rnnlab.experiments.UserError;
import org.rnnlab.experiments.spec.Names;

/**
 * The tasks usable as {@code task.type}, by name. Tasks are few and built in, so they are a
 * plain map rather than a Guice family; the unknown-name message has the plugin registry's
 * shape. Immutable and thread-safe.
 */
public final class TaskRegistry {
  private final SortedMap<String, TaskFactory<?>> tasks;

  private TaskRegistry(SortedMap<String, TaskFactory<?>> tasks) {
    this.tasks = Collections.unmodifiableSortedMap(tasks);
  }

  /** @return the built-in tasks: adding, copy_memory, temporal_order */
  public static TaskRegistry builtin() {
    SortedMap<String, TaskFactory<?>> m = new TreeMap<>();
    m.put("adding", AddingTask.FACTORY);
    m.put("copy_memory", CopyMemoryTask.FACTORY);
    m.put("temporal_order", TemporalOrderTask.FACTORY);
    return new TaskRegistry(m);
  }

  /** @return every task factory by name, sorted */
  public SortedMap<String, TaskFactory<?>> all() {
    return tasks;
  }

  /**
   * @param name the YAML task name
   * @return its factory
   * @throws UserError {@code unknown task 'addng'; known: adding, copy_memory, temporal_order;
   *     did you mean 'adding'?}
   */
  public TaskFactory<?> get(String name) {
    TaskFactory<?> f = tasks.get(name);
    if (f == null) {
      throw new UserError("unknown task '" + name + "'" + Names.knownAndSuggestion(name, tasks.keySet()));
    }
    return f;
  }
}
