package org.rnnlab.experiments.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that h5py (what PyTorch users reach for) reads our checkpoints as documented. */
class H5pyInteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @TempDir Path dir;

  private static boolean hasH5py() throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import h5py").redirectErrorStream(true).start();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void h5pyReadsParametersOptimizerStateRngAndAttributes() throws Exception {
    assumeTrue(hasH5py(), "/usr/bin/python3 has no h5py; skipping the h5py interop check");
    Checkpoint c = CheckpointFixtures.sample(30);
    Path f = dir.resolve("c.h5");
    CheckpointWriter.write(f, c);
    String script = String.join("\n",
        "import h5py, sys",
        "f = h5py.File(sys.argv[1], 'r')",
        "w = f['params/weight_hh_l0']",
        "a = lambda k: f.attrs[k].decode() if isinstance(f.attrs[k], bytes) else f.attrs[k]",
        "print(w.dtype, w.shape, repr(float(w[2, 1])))",
        "print(f['optimizer/exp_avg/weight_ih_l0'].shape, f['optimizer/exp_avg_sq/weight_ih_l0'].dtype)",
        "print(int(f['rng/data.train'][()]), int(a('step')), int(a('format_version')))",
        "print(a('provenance'))");
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", script, f.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    float expected = c.params().get("weight_hh_l0").floats()[2 * 3 + 1];
    String[] lines = out.strip().split("\n");
    assertEquals("float32 (12, 3) " + pyRepr(expected), lines[0]);
    assertEquals("(12, 2) float64", lines[1]);
    assertEquals("60 30 1", lines[2]);
    assertEquals("{\"seed\": 7}", lines[3]);
  }

  /** Python prints float(float32) as the shortest repr of the widened double. */
  private static String pyRepr(float v) {
    return Double.toString((double) v).replace("E", "e");
  }
}
