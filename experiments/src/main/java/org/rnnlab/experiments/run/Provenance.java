package org.rnnlab.experiments.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.experiments.spec.SpecMapper;

/**
 * How a run was made (STYLE.md section 9), written to {@code provenance.json} and into every
 * checkpoint. The resolved spec (every plugin's type key and full config) lives next to it in
 * {@code spec.resolved.yaml}.
 *
 * @param rnnlabVersion framework version
 * @param gitCommit commit of {@code rnnlab.home} ({@code -dirty} when it has uncommitted changes), or {@code unknown}
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param jvmFlags the JVM's input arguments (e.g. {@code --add-modules jdk.incubator.vector})
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 * @param host host name
 * @param kernels kernel implementation name ({@code scalar}, {@code panama})
 * @param kernelBitSize SIMD width in bits, 0 for scalar
 * @param threads kernel threads
 * @param seed master seed
 * @param command the rnnlab command line
 * @param spec the spec file the run was started from
 * @param resumedFromStep the checkpoint step this session resumed from, or null for a fresh run
 * @param startTime session start, ISO-8601 UTC
 * @param endTime session end, ISO-8601 UTC, or null while running
 * @param outcome how the session ended ({@code finished}, {@code failed: ...}), or null while running
 */
public record Provenance(String rnnlabVersion, String gitCommit, String javaVersion, String javaVendor,
    List<String> jvmFlags, String osName, String osArch, String host, String kernels, int kernelBitSize,
    int threads, long seed, List<String> command, String spec, Long resumedFromStep, String startTime,
    String endTime, String outcome) {

  /**
   * Captures this JVM's provenance at the start of a session.
   *
   * @param kernels the kernels the run uses
   * @param seed the master seed
   * @param command the command-line arguments
   * @param spec the spec file (or run directory when resuming)
   * @param resumedFromStep checkpoint step resumed from, or null
   * @param start session start
   * @return the provenance with no end yet
   */
  public static Provenance capture(KernelOps kernels, long seed, List<String> command, String spec,
      Long resumedFromStep, Instant start) {
    return new Provenance(version(), gitCommit(System.getProperty("rnnlab.home")),
        System.getProperty("java.version"), System.getProperty("java.vendor"),
        ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("os.name"),
        System.getProperty("os.arch"), hostName(), kernels.name(), kernels.vectorBitSize(), kernels.threads(), seed,
        List.copyOf(command), spec, resumedFromStep, start.toString(), null, null);
  }

  /**
   * @param end session end
   * @param how {@code finished} or {@code failed: <one line>}
   * @return a copy with end time and outcome
   */
  public Provenance finished(Instant end, String how) {
    return new Provenance(rnnlabVersion, gitCommit, javaVersion, javaVendor, jvmFlags, osName, osArch, host,
        kernels, kernelBitSize, threads, seed, command, spec, resumedFromStep, startTime, end.toString(), how);
  }

  /** @return pretty-printed JSON with snake_case keys */
  public String toJson() {
    try {
      return SpecMapper.json().writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise provenance", e);
    }
  }

  /** @return the rnnlab version baked in at build time */
  public static String version() {
    try (InputStream in = Provenance.class.getResourceAsStream("/org/rnnlab/experiments/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** @return HEAD of the checkout at {@code home}, with {@code -dirty} for uncommitted changes, or {@code unknown} */
  static String gitCommit(String home) {
    if (home == null) {
      return "unknown";
    }
    String head = git(home, "rev-parse", "HEAD");
    if (head == null || head.isEmpty()) {
      return "unknown";
    }
    String status = git(home, "status", "--porcelain", "--untracked-files=no");
    return status == null || status.isEmpty() ? head : head + "-dirty";
  }

  private static String git(String home, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", Path.of(home).toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      // a hung git must not hold up a training run
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
