package org.rnnlab.experiments.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnlab inspect} on a checkpoint of a real run: step, parameter shapes, spec and provenance. */
class InspectTest {
  @TempDir Path dir;
  private Path checkpoint;

  @BeforeEach
  void train() throws Exception {
    Path spec = RunFixture.writeSpec(dir, "small", RunFixture.SMALL);
    RunFixture.cliOk("run", spec.toString(), "--out", dir.resolve("runs").toString());
    checkpoint = RunFixture.onlyRun(dir.resolve("runs")).resolve("checkpoints/step-40.h5");
  }

  @Test
  void inspectShowsStepParameterShapesSpecAndProvenance() {
    RunFixture.Result r = RunFixture.cliOk("inspect", checkpoint.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals("checkpoint " + checkpoint + " (format_version 1)", lines.get(0));
    assertEquals("step 40, epoch 0, data_position 40", lines.get(1));
    assertEquals("params (6 tensors, 393 values)", lines.get(2));
    // LSTM gates i|f|g|o stacked: 4*H = 32 rows; the adding task has 2 input features
    List<String> shapes = List.of("weight_ih_l0 float32 [32, 2]", "weight_hh_l0 float32 [32, 8]",
        "bias_ih_l0 float32 [32]", "bias_hh_l0 float32 [32]", "head.weight float32 [1, 8]", "head.bias float32 [1]");
    for (int i = 0; i < shapes.size(); i++) {
      assertEquals(shapes.get(i), lines.get(3 + i).strip().replaceAll(" +", " ").replaceFirst(" norm .*", ""));
    }
    assertTrue(lines.get(9).startsWith("optimizer ("), lines.get(9));
    int spec = lines.indexOf("spec");
    int provenance = lines.indexOf("provenance");
    assertTrue(spec > 0 && provenance > spec, r.out());
    List<String> specLines = lines.subList(spec + 1, provenance);
    // the resolved spec, indented by two
    assertTrue(specLines.contains("    hidden_size: 8") && specLines.contains("  seed: 7"), String.join("\n", specLines));
    String prov = String.join("\n", lines.subList(provenance + 1, lines.size()));
    assertTrue(prov.contains("\"seed\" : 7") && prov.contains("\"java_version\""), prov);
  }

  @Test
  void noSpecOmitsTheTexts() {
    RunFixture.Result r = RunFixture.cliOk("inspect", "--no-spec", checkpoint.toString());
    assertFalse(r.out().lines().anyMatch(l -> l.equals("spec") || l.equals("provenance")), r.out());
    assertTrue(r.out().contains("weight_hh_l0"), r.out());
  }

  @Test
  void truncatedCheckpointIsOneLineNamingTheFile() throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(checkpoint.toFile(), "rw")) {
      raf.setLength(raf.length() / 3);
    }
    RunFixture.Result r = RunFixture.cli("inspect", checkpoint.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("rnnlab: checkpoint " + checkpoint + " is corrupt or truncated"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void severalCheckpointsArePrintedInTurnAndABadOneIsReportedWithoutHidingTheOthers() throws Exception {
    Path checkpoints = checkpoint.getParent();
    try (RandomAccessFile raf = new RandomAccessFile(checkpoint.toFile(), "rw")) {
      raf.setLength(100);
    }
    // what a shell glob over checkpoints/*.h5 passes: step-20, step-30, step-40 (keep_last 3)
    RunFixture.Result r = RunFixture.cli("inspect", "--no-spec", checkpoints.resolve("step-20.h5").toString(),
        checkpoints.resolve("step-30.h5").toString(), checkpoint.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(List.of("step 20, epoch 0, data_position 20", "step 30, epoch 0, data_position 30"),
        r.out().lines().filter(l -> l.startsWith("step ")).toList());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("rnnlab: checkpoint " + checkpoint + " is corrupt or truncated"), r.err());
  }
}
