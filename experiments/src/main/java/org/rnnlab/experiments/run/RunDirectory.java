package org.rnnlab.experiments.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.rnnlab.experiments.UserError;

/**
 * The directory of one run, {@code <out>/<spec-name>-<yyyyMMdd-HHmmss UTC>-s<seed>} (with
 * {@code -2}, {@code -3}, ... appended if that name is taken), holding:
 *
 * <pre>
 * spec.resolved.yaml   the spec with every default filled in (enough to rerun or resume)
 * provenance.json      how the run was made (versions, JVM, kernels, threads, seed, times)
 * metrics.csv          one row per logged step
 * checkpoints/         step-&lt;N&gt;.h5, the newest keep_last of them
 * diagnostics.h5       gradient-flow diagnostics (written by the trainer)
 * report.html          rendered by reports
 * </pre>
 *
 * A run is resumable from its directory alone. The directory is created only after the spec has
 * been validated. Not thread-safe.
 */
public final class RunDirectory {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** File holding the resolved spec. */
  public static final String SPEC = "spec.resolved.yaml";
  /** File holding the provenance JSON. */
  public static final String PROVENANCE = "provenance.json";

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates a fresh run directory.
   *
   * @param outRoot the parent directory ({@code --out}), created when missing
   * @param specName the spec file's name without extension
   * @param seed the master seed
   * @param clock the time source for the name
   * @return the new, empty directory
   * @throws UserError when the directory cannot be created
   */
  public static RunDirectory create(Path outRoot, String specName, long seed, Clock clock) {
    String base = specName + "-" + STAMP.format(clock.instant()) + "-s" + seed;
    try {
      Files.createDirectories(outRoot);
      for (int n = 1; ; n++) {
        Path candidate = outRoot.resolve(n == 1 ? base : base + "-" + n);
        try {
          return new RunDirectory(Files.createDirectory(candidate));
        } catch (FileAlreadyExistsException taken) {
          // two runs of the same spec and seed started in the same second: take the next suffix
        }
      }
    } catch (IOException e) {
      throw new UserError("cannot create run directory under " + outRoot + ": " + reason(e), e);
    }
  }

  /**
   * Opens an existing run directory (to resume it).
   *
   * @param dir the run directory
   * @return it
   * @throws UserError when it is not a run directory
   */
  public static RunDirectory open(Path dir) {
    if (!Files.isRegularFile(dir.resolve(SPEC))) {
      throw new UserError(dir + " is not a run directory (no " + SPEC + ")");
    }
    return new RunDirectory(dir);
  }

  /**
   * @param specFile a spec path
   * @return its file name without {@code .yaml}/{@code .yml}
   */
  public static String specName(Path specFile) {
    return specFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
  }

  /** @return the directory */
  public Path path() {
    return path;
  }

  /** @return {@code spec.resolved.yaml} */
  public Path specFile() {
    return path.resolve(SPEC);
  }

  /** @return {@code provenance.json} */
  public Path provenanceFile() {
    return path.resolve(PROVENANCE);
  }

  /** @return {@code metrics.csv} */
  public Path metricsFile() {
    return path.resolve("metrics.csv");
  }

  /** @return {@code checkpoints/} */
  public Path checkpointsDir() {
    return path.resolve("checkpoints");
  }

  /** @return {@code diagnostics.h5} */
  public Path diagnosticsFile() {
    return path.resolve("diagnostics.h5");
  }

  /** @return {@code report.html} */
  public Path reportFile() {
    return path.resolve("report.html");
  }

  /**
   * @param resolvedYaml the resolved spec
   * @throws UserError when it cannot be written
   */
  public void writeSpec(String resolvedYaml) {
    write(specFile(), resolvedYaml);
  }

  /** @return the resolved spec text */
  public String readSpec() {
    try {
      return Files.readString(specFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("cannot read " + specFile() + ": " + reason(e), e);
    }
  }

  /**
   * Writes provenance; when resuming, the previous session's file is kept as
   * {@code provenance.session-<n>.json}.
   *
   * @param provenance this session's provenance
   * @param keepPrevious whether an existing provenance.json is from an earlier session to keep
   */
  public void writeProvenance(Provenance provenance, boolean keepPrevious) {
    try {
      if (keepPrevious && Files.exists(provenanceFile())) {
        int n = 1;
        while (Files.exists(path.resolve("provenance.session-" + n + ".json"))) {
          n++;
        }
        Files.move(provenanceFile(), path.resolve("provenance.session-" + n + ".json"));
      }
      AtomicText.writeAtomically(provenanceFile(), provenance.toJson());
    } catch (IOException e) {
      throw new UserError("cannot write " + provenanceFile() + ": " + reason(e), e);
    }
  }

  private static void write(Path file, String content) {
    try {
      AtomicText.writeAtomically(file, content);
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + reason(e), e);
    }
  }

  static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getFile() + ": " + fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
