package org.rnnlab.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.experiments.UserError;
import org.rnnlab.experiments.spec.LoadedSpec;
import org.rnnlab.experiments.spec.SpecExplainer;
import org.rnnlab.experiments.spec.SpecLoader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnlab spec --explain [topic]} and {@code rnnlab spec --check SPEC.yaml [key=value ...]}. */
@Command(name = "spec", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Explain spec keys and plugins, or check a spec without running it.",
        "  rnnlab spec --explain            every key, type, default and help text",
        "  rnnlab spec --explain cell       one section, plugin family or plugin",
        "  rnnlab spec --check s.yaml k=v   validate (with overrides) and print the resolved spec"})
final class SpecCommand implements Callable<Integer> {
  @Mixin DebugOption debugOption;

  @ArgGroup(multiplicity = "1")
  Mode mode;

  @Parameters(description = "key.path=value overrides (with --check)", paramLabel = "KEY=VALUE")
  List<String> overrides = new ArrayList<>();

  static final class Mode {
    @Option(names = "--explain", arity = "0..1", fallbackValue = "", paramLabel = "TOPIC",
        description = "Print spec keys and plugins; TOPIC is a section, a family or a plugin name.")
    String explain;

    @Option(names = "--check", paramLabel = "SPEC.yaml", description = "Validate a spec and print it with defaults filled in.")
    Path check;
  }

  private final CliEnvironment env;

  SpecCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (mode.explain != null) {
      if (!overrides.isEmpty()) {
        throw new UserError("spec --explain takes at most one topic, got " + overrides.size() + " more arguments");
      }
      env.out().print(new SpecExplainer(env.catalog().get()).explain(mode.explain.isEmpty() ? null : mode.explain));
      return 0;
    }
    LoadedSpec loaded = new SpecLoader(env.catalog().get()).load(mode.check, overrides);
    env.out().print(loaded.resolvedYaml());
    env.err().println("rnnlab: " + mode.check + " is valid");
    return 0;
  }
}
