/** The {@code rnnlab} command line (picocli): {@code spec}, {@code inspect}, {@code run}. */
package org.rnnlab.experiments.cli;
