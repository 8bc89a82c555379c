/**
 * HDF5 checkpoints (format in {@code docs/checkpoint-format.md}): crash-safe writing, validating
 * reading, retention, and finding the newest intact checkpoint of a run.
 */
package org.rnnlab.experiments.checkpoint;
