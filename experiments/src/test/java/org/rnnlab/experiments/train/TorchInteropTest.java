package org.rnnlab.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.experiments.checkpoint.Checkpoint;
import org.rnnlab.experiments.checkpoint.CheckpointReader;
import org.rnnlab.experiments.e2e.RunFixture;
import org.rnnlab.experiments.spec.LoadedSpec;
import org.rnnlab.experiments.spec.SpecLoader;
import org.rnnlab.experiments.spec.TestCatalog;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.model.SequenceModel;

/**
 * A checkpoint from a real run loads into {@code torch.nn.LSTM}/{@code torch.nn.GRU}
 * ({@code batch_first}) plus {@code torch.nn.Linear} by name alone, and PyTorch then reproduces
 * rnnlab's predictions for a fixed input. Runs {@code src/test/resources/python/torch_forward.py}
 * with /usr/bin/python3 (one process for both cells: importing torch takes seconds); skipped when
 * torch or h5py is missing there.
 */
class TorchInteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final double TOLERANCE = 1e-5;
  private static final List<String> CELLS = List.of("lstm", "gru");

  @TempDir Path dir;

  @Test
  void torchLstmAndGruReproduceRnnlabPredictionsFromCheckpoints() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), PYTHON + " not found; skipping the PyTorch interop check");
    List<String> args = new ArrayList<>(List.of(PYTHON.toString(), script().toString()));
    for (String cell : CELLS) {
      Path checkpoint = train(cell);
      args.addAll(List.of(checkpoint.toString(), writeInput(cell, checkpoint).toString(), cell));
    }
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish:\n" + out);
    assumeTrue(p.exitValue() != 3, PYTHON + " lacks a module (" + out.strip() + "); skipping the PyTorch interop check");
    assertEquals(0, p.exitValue(), out);
    Map<String, Double> diffs = out.lines().filter(l -> l.startsWith("max_abs_diff "))
        .map(l -> l.split(" ")).collect(Collectors.toMap(f -> f[1], f -> Double.parseDouble(f[2])));
    assertEquals(CELLS.size(), diffs.size(), out);
    diffs.forEach((cell, diff) -> assertTrue(diff <= TOLERANCE, cell + ": torch differs from rnnlab by " + diff));
  }

  /** @return the final checkpoint of a 10-step run of the small spec with this cell */
  private Path train(String cell) throws Exception {
    Path spec = RunFixture.writeSpec(dir, cell, RunFixture.SMALL);
    RunFixture.cliOk("run", spec.toString(), "model.cell.type=" + cell, "training.steps=10",
        "--out", dir.resolve(cell).toString());
    return RunFixture.checkpoints(RunFixture.onlyRun(dir.resolve(cell))).getLast();
  }

  /**
   * Writes {@code x} (a fixed batch of the run's task) and {@code y_rnnlab}, the predictions of
   * the model built exactly as the trainer builds it, with the checkpoint's weights.
   */
  private Path writeInput(String cell, Path checkpoint) {
    Checkpoint c = CheckpointReader.read(checkpoint);
    LoadedSpec loaded = new SpecLoader(TestCatalog.get()).parse(checkpoint.toString(), c.spec(), List.of());
    SequenceModel model = ModelBuilder.build(loaded.spec().model(), loaded.task().shape(),
        TestCatalog.get().registry(), DType.FLOAT32);
    for (Parameter p : model.parameters()) {
      p.value().copyFrom(c.params().get(p.name()));
    }
    Batch batch = loaded.task().sample(5, new SplittableRandom(2026));
    Tensor y = model.forward(KernelOpsProvider.create(1), batch, null);
    assertEquals(2, y.rank(), "last-step task predictions are [B, O]");
    Path input = dir.resolve(cell + "-input.h5");
    try (WritableHdfFile h = HdfFile.write(input)) {
      h.putDataset("x", nested3(batch.x()));
      h.putDataset("y_rnnlab", nested2(y));
    }
    return input;
  }

  private Path script() throws Exception {
    Path script = dir.resolve("torch_forward.py");
    try (InputStream in = TorchInteropTest.class.getResourceAsStream("/python/torch_forward.py")) {
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  private static float[][][] nested3(Tensor t) {
    float[][][] a = new float[t.dim(0)][t.dim(1)][t.dim(2)];
    for (int i = 0; i < t.size(); i++) {
      a[i / (t.dim(1) * t.dim(2))][i / t.dim(2) % t.dim(1)][i % t.dim(2)] = (float) t.get(i);
    }
    return a;
  }

  private static float[][] nested2(Tensor t) {
    float[][] a = new float[t.dim(0)][t.dim(1)];
    for (int i = 0; i < t.size(); i++) {
      a[i / t.dim(1)][i % t.dim(1)] = (float) t.get(i);
    }
    return a;
  }
}
