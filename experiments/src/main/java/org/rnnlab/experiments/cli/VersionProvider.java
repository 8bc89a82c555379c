package org.rnnlab.experiments.cli;

import org.rnnlab.experiments.run.Provenance;
import picocli.CommandLine.IVersionProvider;

/** {@code rnnlab --version}: framework version and the Java running it. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"rnnlab " + Provenance.version(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
