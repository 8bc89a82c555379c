package org.rnnlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.experiments.checkpoint.CheckpointWriter;
import org.rnnlab.experiments.spec.TestCatalog;

class CliCommandsTest {
  @TempDir Path dir;

  @Test
  void everyCommandHasHelpAndVersion() {
    for (String cmd : new String[] {"spec", "inspect", "run"}) {
      CliRunner.Result help = CliRunner.run(cmd, "--help");
      assertEquals(0, help.code(), cmd);
      assertTrue(help.out().startsWith("Usage: rnnlab " + cmd), help.out());
      CliRunner.Result version = CliRunner.run(cmd, "--version");
      assertEquals(0, version.code(), cmd);
      assertTrue(version.out().startsWith("rnnlab "), version.out());
    }
    assertTrue(CliRunner.run("--help").out().contains("Commands:"));
  }

  @Test
  void explainListsSpecKeysAndRegisteredPluginsWithTheirDocs() {
    CliRunner.Result r = CliRunner.run("spec", "--explain");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("model.hidden_size"), r.out());
    assertTrue(r.out().contains("Hidden units H per layer and direction."), r.out());
    // the ServiceLoader-registered test plugin, with its config key, default and @Doc text
    String block = r.out().substring(r.out().indexOf("cell 'test_cell'"));
    String line = block.lines().filter(l -> l.trim().startsWith("forget_bias")).findFirst().orElseThrow();
    assertTrue(line.contains("number") && line.contains("default 1.0") && line.contains("Initial forget-gate bias."), line);
    assertTrue(r.out().contains("task 'copy_memory'"), r.out());
    assertTrue(r.out().contains("schedule 'cosine'"), r.out());
  }

  @Test
  void explainOfOneTopicShowsOnlyIt() {
    CliRunner.Result family = CliRunner.run("spec", "--explain", "optimizer");
    assertTrue(family.out().contains("optimizer 'test_sgd'") && family.out().contains("momentum"), family.out());
    assertFalse(family.out().contains("task 'adding'"), family.out());
    CliRunner.Result plugin = CliRunner.run("spec", "--explain", "temporal_order");
    assertTrue(plugin.out().startsWith("  task 'temporal_order'"), plugin.out());
    CliRunner.Result section = CliRunner.run("spec", "--explain", "training");
    assertTrue(section.out().contains("training.on_nonfinite") && !section.out().contains("model.layers"), section.out());
  }

  @Test
  void unknownExplainTopicIsOneLineWithSuggestion() {
    CliRunner.Result r = CliRunner.run("spec", "--explain", "trainng");
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("did you mean 'training'?"), r.err());
  }

  @Test
  void checkPrintsTheResolvedSpec() throws Exception {
    Path spec = Files.writeString(dir.resolve("s.yaml"), TestCatalog.VALID);
    CliRunner.Result r = CliRunner.run("spec", "--check", spec.toString(), "model.layers=2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("layers: 2"), r.out());
  }

  @Test
  void inspectPrintsStepTensorsRngAndProvenance() {
    Path f = dir.resolve("c.h5");
    CheckpointWriter.write(f, org.rnnlab.experiments.checkpoint.CheckpointFixtures.sample(30));
    CliRunner.Result r = CliRunner.run("inspect", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("step 30, epoch 0, data_position 60"), r.out());
    assertTrue(r.out().contains("weight_hh_l0") && r.out().contains("float32  [12, 3]"), r.out());
    assertTrue(r.out().contains("exp_avg/weight_ih_l0"), r.out());
    assertTrue(r.out().contains("data.train") && r.out().contains("position 60"), r.out());
    assertTrue(r.out().contains("{\"seed\": 7}"), r.out());
  }

  @Test
  void inspectOfACorruptFileIsOneLineWithoutStackTrace() throws Exception {
    Path f = Files.writeString(dir.resolve("junk.h5"), "not hdf5 at all");
    CliRunner.Result r = CliRunner.run("inspect", f.toString());
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("rnnlab: checkpoint " + f + " is corrupt or truncated"), r.err());
  }

  @Test
  void debugFlagAddsTheStackTrace() throws Exception {
    Path f = Files.writeString(dir.resolve("junk.h5"), "not hdf5 at all");
    CliRunner.Result r = CliRunner.run("inspect", "--debug", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().lines().count() > 3, r.err());
    assertTrue(r.err().contains("\tat "), r.err());
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliRunner.Result r = CliRunner.run("inspect");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Missing required parameter"), r.err());
  }
}
