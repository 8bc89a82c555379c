package org.rnnlab.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.experiments.schedule.Schedules;
import org.rnnlab.experiments.task.AddingTask;
import org.rnnlab.experiments.testplugins.TestPluginsModule;

class SpecLoaderTest {
  private final SpecLoader loader = new SpecLoader(TestCatalog.get());

  private LoadedSpec load(String yaml, String... overrides) {
    return loader.parse("spec.yaml", yaml, List.of(overrides));
  }

  private SpecError onlyError(String yaml, String... overrides) {
    SpecException e = assertThrows(SpecException.class, () -> load(yaml, overrides));
    assertEquals(1, e.errors().size(), e.getMessage());
    return e.errors().getFirst();
  }

  @Test
  void validSpecBindsAndMergesEveryDefault() {
    ExperimentSpec s = load(TestCatalog.VALID).spec();
    assertEquals(16, s.model().hiddenSize());
    assertEquals(1, s.model().layers());
    assertNull(s.model().inputSize());
    assertEquals("linear", s.model().head().type());
    assertEquals(new TestPluginsModule.TestCellConfig(1.0, false, new TestPluginsModule.TestInit("uniform", 1.0)),
        s.model().cell().config());
    assertEquals(new TestPluginsModule.TestSgdConfig(0.1, 0.0), s.optimizer().config());
    assertEquals("constant", s.optimizer().schedule().type());
    assertEquals(new AddingTask.Config(20), s.task().config());
    assertEquals(new TestPluginsModule.TestClipConfig(0.5), s.regularizers().getFirst().config());
    assertEquals(NonFinitePolicy.STOP, s.training().onNonfinite());
    assertEquals(3, s.checkpoint().keepLast());
    assertEquals(42L, s.seed());
  }

  @Test
  void resolvedYamlLoadsBackToAnEqualSpec() {
    LoadedSpec first = load(TestCatalog.VALID);
    LoadedSpec again = load(first.resolvedYaml());
    assertEquals(first.spec(), again.spec());
    assertTrue(first.resolvedYaml().contains("keep_last: 3"), first.resolvedYaml());
    assertTrue(first.resolvedYaml().contains("forget_bias: 1.0"), first.resolvedYaml());
  }

  @Test
  void unknownKeyIsReportedAtItsLineAndColumnWithTheClosestKey() {
    String yaml = TestCatalog.VALID.replace("  hidden_size: 16", "  hidden_size: 16\n  layres: 2");
    SpecError e = onlyError(yaml);
    assertEquals(new Location("spec.yaml", 4, 3), e.location());
    assertTrue(e.message().startsWith("unknown key 'layres' in model; known: input_size, embedding"), e.message());
    assertTrue(e.message().endsWith("did you mean 'layers'?"), e.message());
  }

  @Test
  void unknownPluginConfigKeyNamesThePlugin() {
    String yaml = TestCatalog.VALID.replace("lr: 0.1", "lrr: 0.1");
    SpecError e = onlyError(yaml);
    assertEquals(new Location("spec.yaml", 6, 29), e.location());
    assertEquals("unknown key 'lrr' in optimizer 'test_sgd'; known: lr, momentum, type, schedule; did you mean 'lr'?",
        e.message());
    SpecError reserved = onlyError(TestCatalog.VALID.replace("lr: 0.1", "lr: 0.1, shedule: {type: step}"));
    assertTrue(reserved.message().endsWith("did you mean 'schedule'?"), reserved.message());
  }

  @Test
  void unknownPluginNameListsKnownNamesAndSuggestsTheClosest() {
    SpecError e = onlyError(TestCatalog.VALID.replace("type: test_cell", "type: test_cel"));
    assertEquals(new Location("spec.yaml", 2, 10), e.location());
    assertTrue(e.message().startsWith("unknown cell 'test_cel'; known: "), e.message());
    assertTrue(e.message().contains("test_cell"), e.message());
    assertTrue(e.message().endsWith("did you mean 'test_cell'?"), e.message());
  }

  @Test
  void unknownTaskHasTheRegistryMessageShape() {
    SpecError e = onlyError(TestCatalog.VALID.replace("type: adding", "type: addng"));
    assertEquals("unknown task 'addng'; known: adding, copy_memory, temporal_order; did you mean 'adding'?",
        e.message());
  }

  @Test
  void unknownTopLevelSectionSuggestsTheSection() {
    SpecError e = onlyError(TestCatalog.VALID + "diagnostic: {every: 5}\n");
    assertEquals(new Location("spec.yaml", 11, 1), e.location());
    assertTrue(e.message().startsWith("unknown section 'diagnostic'"), e.message());
    assertTrue(e.message().endsWith("did you mean 'diagnostics'?"), e.message());
  }

  @Test
  void wrongValueTypeNamesThePathAndTheExpectedType() {
    SpecError e = onlyError(TestCatalog.VALID.replace("hidden_size: 16", "hidden_size: sixteen"));
    assertEquals(new Location("spec.yaml", 3, 3), e.location());
    assertEquals("'model.hidden_size' must be an integer, got 'sixteen'", e.message());
  }

  @Test
  void fractionalValueForAnIntegerKeyIsRejectedNotTruncated() {
    SpecError e = onlyError(TestCatalog.VALID.replace("batch_size: 8", "batch_size: 8.5"));
    assertEquals("'training.batch_size' must be an integer, got 8.5", e.message());
  }

  @Test
  void enumValueListsTheAllowedNames() {
    SpecError e = onlyError(TestCatalog.VALID.replace("batch_size: 8}", "batch_size: 8, on_nonfinite: halt}"));
    assertEquals("'training.on_nonfinite' must be one of: stop, skip, got 'halt'", e.message());
  }

  @Test
  void duplicateKeyIsAnErrorNotLastOneWins() {
    SpecError e = onlyError(TestCatalog.VALID.replace("  hidden_size: 16", "  hidden_size: 16\n  hidden_size: 32"));
    assertEquals(4, e.location().line());
    assertTrue(e.message().contains("Duplicate field 'hidden_size'"), e.message());
  }

  @Test
  void missingRequiredSectionIsReported() {
    String yaml = TestCatalog.VALID.replace("loss: {type: test_mse}\n", "");
    SpecError e = onlyError(yaml);
    assertEquals("missing required key 'loss'", e.message());
  }

  @Test
  void missingPluginTypeListsTheKnownTypes() {
    SpecError e = onlyError(TestCatalog.VALID.replace("{type: test_sgd, lr: 0.1}", "{lr: 0.1}"));
    assertTrue(e.message().startsWith("missing required key 'optimizer.type'; known optimizer types: "), e.message());
  }

  @Test
  void recordConstructorRejectionBecomesALocatedError() {
    SpecError e = onlyError(TestCatalog.VALID.replace("lr: 0.1", "lr: 0.1, momentum: 1.5"));
    assertEquals(6, e.location().line());
    assertEquals("invalid optimizer 'test_sgd': momentum must be in [0, 1), got 1.5", e.message());
  }

  @Test
  void severalErrorsAreAllReportedInFileOrder() {
    String yaml = TestCatalog.VALID.replace("hidden_size: 16", "hidden_size: x").replace("seed: 42", "seed: y");
    SpecException e = assertThrows(SpecException.class, () -> load(yaml));
    assertEquals(2, e.errors().size());
    assertEquals(3, e.errors().get(0).location().line());
    assertEquals(10, e.errors().get(1).location().line());
    assertEquals(2, e.getMessage().lines().count());
  }

  @Test
  void overridesAreAppliedBeforeBindingAndCoerced() {
    ExperimentSpec s = load(TestCatalog.VALID, "optimizer.lr=3e-4", "model.layers=2",
        "regularizers[0].max_norm=2", "training.truncated_bptt.k1=5", "training.truncated_bptt.k2=10",
        "optimizer.schedule={type: step, step_size: 10}").spec();
    assertEquals(3e-4, ((TestPluginsModule.TestSgdConfig) s.optimizer().config()).lr());
    assertEquals(2, s.model().layers());
    assertEquals(2.0, ((TestPluginsModule.TestClipConfig) s.regularizers().getFirst().config()).maxNorm());
    assertEquals(new TruncatedBpttSpec(5, 10), s.training().truncatedBptt());
    assertEquals(new Schedules.StepConfig(10, 0.1), s.optimizer().schedule().config());
  }

  @Test
  void overrideErrorsNameTheOverride() {
    SpecError e = onlyError(TestCatalog.VALID, "model.hidden_sise=3");
    assertEquals(Location.override("model.hidden_sise=3"), e.location());
    assertTrue(e.message().endsWith("did you mean 'hidden_size'?"), e.message());
    SpecError typed = onlyError(TestCatalog.VALID, "seed=abc");
    assertEquals("override 'seed=abc': 'seed' must be an integer, got 'abc'", typed.toString());
  }

  @Test
  void malformedOverridesAreRejected() {
    assertTrue(onlyError(TestCatalog.VALID, "optimizer.lr").message().startsWith("bad override: expected key.path=value"));
    assertTrue(onlyError(TestCatalog.VALID, "seed.x=1").message().contains("'seed' is a single value"));
    assertTrue(onlyError(TestCatalog.VALID, "regularizers[3].max_norm=1").message().contains("out of range"));
    assertTrue(onlyError(TestCatalog.VALID, "model..layers=1").message().contains("not a key path"));
    assertTrue(onlyError(TestCatalog.VALID, "seed=").message().contains("missing value"));
  }

  @Test
  void modelMustFitTheTask() {
    SpecError e = onlyError(TestCatalog.VALID.replace("hidden_size: 16", "hidden_size: 16\n  input_size: 3"));
    assertEquals(4, e.location().line());
    assertTrue(e.message().startsWith("model.input_size is 3 but task 'adding' gives 2 features"), e.message());
    SpecError emb = onlyError(TestCatalog.VALID.replace("hidden_size: 16", "hidden_size: 16\n  embedding: {dim: 4}"));
    assertTrue(emb.message().startsWith("model.embedding needs a symbolic task"), emb.message());
  }

  @Test
  void lossMustFitTheTargets() {
    SpecError e = onlyError(TestCatalog.VALID.replace("test_mse", "test_xent"));
    assertEquals("loss 'test_xent' expects class-index targets but task 'adding' has real-valued targets", e.message());
  }

  @Test
  void syntheticTasksRejectEpochs() {
    SpecError e = onlyError(TestCatalog.VALID.replace("steps: 100", "epochs: 2"));
    assertTrue(e.message().startsWith("training.epochs needs a finite data set"), e.message());
  }

  @Test
  void nestedRecordInAPluginConfigKeepsTheDefaultsOfKeysNotGiven() {
    ExperimentSpec s = load(TestCatalog.VALID.replace("{type: test_cell}", "{type: test_cell, init: {gain: 2.0}}")).spec();
    assertEquals(new TestPluginsModule.TestInit("uniform", 2.0),
        ((TestPluginsModule.TestCellConfig) s.model().cell().config()).init());
  }

  @Test
  void pluginShorthandAcceptsABareName() {
    LoadedSpec s = load(TestCatalog.VALID.replace("{type: test_mse}", "test_mse"));
    assertEquals("test_mse", s.spec().loss().type());
    assertInstanceOf(org.rnnlab.api.config.NoConfig.class, s.spec().loss().config());
  }

  @Test
  void malformedYamlAndNonMappingTopLevelAreLocated() {
    SpecError e = onlyError("model: [1, 2\n");
    assertEquals("spec.yaml", e.location().source());
    SpecError top = onlyError("- a\n- b\n");
    assertTrue(top.message().startsWith("the top level of a spec must be a mapping"), top.message());
    assertTrue(onlyError("").message().startsWith("the spec is empty"));
  }
}
