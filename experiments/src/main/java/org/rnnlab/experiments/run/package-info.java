/**
 * A run on disk and while it runs: the run directory and its files, provenance, the metrics CSV,
 * progress display, and the {@link org.rnnlab.experiments.run.TrainingJob} seam the trainer
 * implements.
 */
package org.rnnlab.experiments.run;
