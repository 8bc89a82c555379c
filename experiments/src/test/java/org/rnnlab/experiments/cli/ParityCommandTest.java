package org.rnnlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityCommandTest {
  private static final List<String> SHARED = List.of("gru_1layer.h5", "gru_lengths.h5", "lstm_1layer.h5",
      "lstm_2layer_bidir.h5", "optim_adam.h5", "optim_sgd_momentum.h5", "rnn_tanh_1layer.h5");

  @TempDir Path dir;

  private Path resource(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/parity/" + name)) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void everySharedPyTorchFixturePasses() throws IOException {
    List<String> args = new ArrayList<>(List.of("parity"));
    for (String f : SHARED) {
      args.add(resource(f).toString());
    }
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals(SHARED.size(), r.out().lines().filter(l -> l.endsWith(": PASS")).count(), r.out());
    assertTrue(r.out().contains("grad/weight_hh_l0"), r.out());
  }

  /** An SGD fixture whose expected trajectory is off by 1e-3 at the last step: must FAIL, exit 1. */
  @Test
  void wrongReferenceValuesFailWithExitCodeOne() {
    Path file = dir.resolve("sgd_wrong.h5");
    try (WritableHdfFile h = HdfFile.write(file)) {
      h.putAttribute("kind", "optimizer");
      h.putAttribute("optimizer", "SGD");
      WritableGroup hyper = h.putGroup("hyper");
      hyper.putAttribute("lr", 0.1);
      // jhdf 0.13 cannot read back a group it wrote without children
      hyper.putDataset("note", new double[] {0});
      h.putDataset("param0", new double[] {1.0, -2.0});
      h.putDataset("grads", new double[][] {{1.0, 1.0}, {0.5, -1.0}});
      // correct: [0.9, -2.1] then [0.85, -2.0]
      h.putDataset("expected", new double[][] {{0.9, -2.1}, {0.851, -2.0}});
    }
    CliRunner.Result r = CliRunner.run("parity", file.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL"), r.out());
  }

  @Test
  void malformedOrMissingFilesAreNamedInOneLineWithExitCodeTwo() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.h5"), "not hdf5");
    Path noKind = dir.resolve("no_kind.h5");
    try (WritableHdfFile h = HdfFile.write(noKind)) {
      h.putDataset("x", new double[] {1});
    }
    Path good = resource("optim_adam.h5");
    CliRunner.Result r = CliRunner.run("parity", garbage.toString(), dir.resolve("absent.h5").toString(),
        noKind.toString(), good.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    List<String> errors = r.err().lines().filter(l -> l.startsWith("rnnlab: ")).toList();
    assertEquals(3, errors.size(), r.err());
    assertTrue(errors.get(0).contains("garbage.h5"), r.err());
    assertTrue(errors.get(1).contains("absent.h5"), r.err());
    assertTrue(errors.get(2).contains("no_kind.h5") && errors.get(2).contains("'kind'"), r.err());
    assertTrue(r.out().contains("optim_adam.h5") && r.out().contains("PASS"), "good files still run: " + r.out());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
  }
}
