package org.rnnlab.experiments.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code rnnlab} in a child JVM built from the test's own JVM and class path, so a test can kill
 * it with SIGKILL ({@link Process#destroyForcibly}) like a crash or an OOM killer would.
 */
final class ChildRun implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildRun(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * @param workDir working directory; also holds the child's combined output in {@code child-<pid>.log}
   * @param args rnnlab arguments
   * @return the started child
   */
  static ChildRun start(Path workDir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED",
        "-Dguice_custom_class_loading=CHILD",
        "-Djava.awt.headless=true",
        // under surefire this is its manifest-only booter jar, whose Class-Path lists everything
        "-cp", System.getProperty("java.class.path"),
        "org.rnnlab.experiments.cli.RnnlabCli"));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(workDir, "child-", ".log");
    Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new ChildRun(p, log);
  }

  /**
   * Polls {@code condition} every millisecond until it holds, then kills the child with SIGKILL.
   *
   * @return true if the child was killed, false if it exited on its own first
   * @throws AssertionError on timeout
   */
  boolean killWhen(BooleanSupplier condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        return false;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + timeout + "; child output:\n" + output());
      }
      Thread.sleep(1);
    }
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    return true;
  }

  /** @return the exit code after waiting for a normal end */
  int waitFor(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child did not finish within " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** @return everything the child printed so far */
  String output() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
