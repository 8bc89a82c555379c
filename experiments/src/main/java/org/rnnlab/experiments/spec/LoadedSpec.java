package org.rnnlab.experiments.spec;

import org.rnnlab.api.task.Task;

/**
 * A spec that parsed and validated.
 *
 * @param spec the bound records
 * @param task the task the spec describes (immutable, ready to sample)
 * @param resolvedYaml the spec with every default filled in, as written to
 *     {@code spec.resolved.yaml}; loading it again gives an equal {@code spec}
 * @param source the file name the spec was read from
 */
public record LoadedSpec(ExperimentSpec spec, Task task, String resolvedYaml, String source) {}
