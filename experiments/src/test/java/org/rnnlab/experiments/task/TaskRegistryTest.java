package org.rnnlab.experiments.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rnnlab.experiments.UserError;

class TaskRegistryTest {
  @Test
  void unknownTaskListsKnownTasksAndSuggestsTheClosest() {
    UserError e = assertThrows(UserError.class, () -> TaskRegistry.builtin().get("addng"));
    assertEquals("unknown task 'addng'; known: adding, copy_memory, temporal_order; did you mean 'adding'?",
        e.getMessage());
  }

  @Test
  void everyBuiltinTaskIsCreatableFromItsDefaults() {
    TaskRegistry.builtin().all().forEach((name, f) ->
        assertEquals(1, f.createFrom(f.defaults()).sample(1, new java.util.SplittableRandom(0)).batchSize(), name));
  }
}
