package org.rnnlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.experiments.checkpoint.Checkpoint;
import org.rnnlab.experiments.rng.SeedStreams;
import org.rnnlab.experiments.run.MetricsCsvWriter;
import org.rnnlab.experiments.run.RunContext;
import org.rnnlab.experiments.run.RunSummary;
import org.rnnlab.experiments.run.TrainingJob;
import org.rnnlab.experiments.spec.SpecMapper;
import org.rnnlab.experiments.spec.TestCatalog;

class RunCommandTest {
  @TempDir Path dir;

  private Path spec(String text) throws Exception {
    return Files.writeString(dir.resolve("my-spec.yaml"), text);
  }

  private Path out() {
    return dir.resolve("runs");
  }

  @Test
  void validSpecWithoutTrainerFailsInOneLineAndWritesNothing() throws Exception {
    // the build now ships a trainer, so simulate a class path without one
    CliRunner.Result r = CliRunner.run(() -> {
      throw new org.rnnlab.experiments.UserError("trainer not available: no TrainingJob implementation");
    }, "run", spec(TestCatalog.VALID).toString(), "--out", out().toString());
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("rnnlab: trainer not available"), r.err());
    assertFalse(Files.exists(out()));
  }

  @Test
  void invalidSpecPrintsLocatedErrorsExitsTwoAndCreatesNoDirectory() throws Exception {
    Path s = spec(TestCatalog.VALID.replace("type: test_cell", "type: test_cel"));
    CliRunner.Result r = CliRunner.run(() -> RecordingJob.INSTANCE, "run", s.toString(), "--out", out().toString());
    assertEquals(2, r.code());
    assertEquals(s + ":2:10: unknown cell 'test_cel'", r.err().lines().findFirst().orElseThrow().split(";")[0]);
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out()));
  }

  @Test
  void badOverrideIsReportedAndCreatesNoDirectory() throws Exception {
    CliRunner.Result r = CliRunner.run(() -> RecordingJob.INSTANCE, "run", spec(TestCatalog.VALID).toString(),
        "training.batch_size=many", "--out", out().toString());
    assertEquals(2, r.code());
    assertEquals("override 'training.batch_size=many': 'training.batch_size' must be an integer, got 'many'",
        r.err().strip());
    assertFalse(Files.exists(out()));
  }

  @Test
  void missingSpecFileIsOneLine() {
    CliRunner.Result r = CliRunner.run("run", dir.resolve("nope.yaml").toString());
    assertEquals(2, r.code());
    assertEquals("rnnlab: cannot read spec " + dir.resolve("nope.yaml") + ": no such file", r.err().strip());
  }

  @Test
  void runPreparesTheDirectoryAndHandsTheTrainerAWorkingContext() throws Exception {
    CliRunner.Result r = CliRunner.run(() -> RecordingJob.INSTANCE, "run", spec(TestCatalog.VALID).toString(),
        "optimizer.lr=0.5", "--out", out().toString(), "--threads", "1");
    assertEquals(0, r.code(), r.err());
    Path run = out().resolve("my-spec-20260102-030405-s42");
    assertTrue(r.out().startsWith("run finished: " + run + " steps=100"), r.out());
    String resolved = Files.readString(run.resolve("spec.resolved.yaml"));
    assertTrue(resolved.contains("lr: 0.5") && resolved.contains("keep_last: 3"), resolved);
    JsonNode prov = SpecMapper.json().readTree(run.resolve("provenance.json").toFile());
    assertEquals(42, prov.get("seed").asLong());
    assertEquals(1, prov.get("threads").asInt());
    assertTrue(List.of("scalar", "panama").contains(prov.get("kernels").asText()), prov.toString());
    assertEquals("finished", prov.get("outcome").asText());
    assertEquals("2026-01-02T03:04:05Z", prov.get("end_time").asText());
    assertTrue(prov.get("command").toString().contains("optimizer.lr=0.5"), prov.toString());
    List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals("step,wall_time_s,lr,grad_norm,train_loss,eval_loss", csv.getFirst());
    assertEquals(11, csv.size());
    assertTrue(Files.exists(run.resolve("checkpoints/step-100.h5")));
  }

  @Test
  void secondRunOfTheSameSpecInTheSameSecondGetsItsOwnDirectory() throws Exception {
    Path s = spec(TestCatalog.VALID);
    CliRunner.run(() -> RecordingJob.INSTANCE, "run", s.toString(), "--out", out().toString());
    CliRunner.run(() -> RecordingJob.INSTANCE, "run", s.toString(), "--out", out().toString());
    try (Stream<Path> runs = Files.list(out())) {
      assertEquals(List.of("my-spec-20260102-030405-s42", "my-spec-20260102-030405-s42-2"),
          runs.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void resumeContinuesFromTheNewestCheckpointWithRestoredStreams() throws Exception {
    CliRunner.run(() -> RecordingJob.INSTANCE, "run", spec(TestCatalog.VALID.replace("steps: 100", "steps: 50")).toString(),
        "--out", out().toString());
    Path run = out().resolve("my-spec-20260102-030405-s42");
    // the run is extended by editing its resolved spec, as a sweep tool would not; here it makes
    // the resumed session do work past the checkpoint
    Files.writeString(run.resolve("spec.resolved.yaml"),
        Files.readString(run.resolve("spec.resolved.yaml")).replace("steps: 50", "steps: 100"));
    CliRunner.Result r = CliRunner.run(() -> RecordingJob.INSTANCE, "run", "--resume", run.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("steps=100"), r.out());
    List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(11, csv.size(), String.join("\n", csv));
    assertTrue(Files.exists(run.resolve("provenance.session-1.json")));
    JsonNode prov = SpecMapper.json().readTree(run.resolve("provenance.json").toFile());
    assertEquals(50, prov.get("resumed_from_step").asLong());
  }

  @Test
  void trainerFailureIsOneLineAndRecordedInProvenance() throws Exception {
    TrainingJob failing = ctx -> {
      throw new org.rnnlab.experiments.UserError("loss is NaN at step 3 (training.on_nonfinite: stop)");
    };
    CliRunner.Result r = CliRunner.run(() -> failing, "run", spec(TestCatalog.VALID).toString(), "--out", out().toString());
    assertEquals(2, r.code());
    assertTrue(r.err().endsWith("rnnlab: loss is NaN at step 3 (training.on_nonfinite: stop)\n"), r.err());
    JsonNode prov = SpecMapper.json().readTree(out().resolve("my-spec-20260102-030405-s42/provenance.json").toFile());
    assertEquals("failed: loss is NaN at step 3 (training.on_nonfinite: stop)", prov.get("outcome").asText());
  }

  @Test
  void resumeRejectsOverrides() throws Exception {
    CliRunner.Result r = CliRunner.run("run", "--resume", dir.toString(), "seed=3");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("rnnlab: run --resume takes no spec or overrides"), r.err());
  }

  /**
   * A stand-in trainer that exercises the seam the real one uses: it reads the context, draws
   * batches from the seed streams, writes metrics rows and a final checkpoint, and checks that a
   * resumed session received the checkpoint and the restored stream positions.
   */
  enum RecordingJob implements TrainingJob {
    INSTANCE;

    @Override
    public RunSummary run(RunContext ctx) {
      long start = 0;
      if (ctx.resumeFrom().isPresent()) {
        Checkpoint c = ctx.resumeFrom().get().checkpoint();
        start = c.step();
        if (ctx.seeds().position(SeedStreams.TRAIN_DATA) != start) {
          throw new AssertionError("seed streams not restored: " + ctx.seeds().positions());
        }
      }
      double lr = ctx.schedule().factor(0);
      for (long step = start + 1; step <= ctx.totalSteps(); step++) {
        ctx.spec().task().sample(ctx.spec().spec().training().batchSize(), ctx.seeds().next(SeedStreams.TRAIN_DATA));
        if (step % ctx.spec().spec().training().logEvery() == 0) {
          ctx.metrics().write(step, Map.of(MetricsCsvWriter.TRAIN_LOSS, 1.0 / step, MetricsCsvWriter.LR, lr));
          ctx.progress().update(step, "loss=" + 1.0 / step);
        }
      }
      Checkpoint c = new Checkpoint(ctx.totalSteps(), 0, ctx.seeds().position(SeedStreams.TRAIN_DATA),
          Map.of("weight_ih_l0", Tensor.zeros(DType.FLOAT32, 4, 2)), Map.of(), ctx.seeds().positions(),
          ctx.spec().resolvedYaml(), ctx.provenance().toJson());
      Path file = ctx.checkpoints().save(c);
      return new RunSummary(ctx.totalSteps(), 1.0 / ctx.totalSteps(), Double.NaN, Map.of(), file);
    }
  }
}
