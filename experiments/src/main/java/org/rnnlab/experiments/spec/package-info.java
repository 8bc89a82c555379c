/**
 * Experiment specs: strict YAML parsing onto records, command-line overrides, plugin-section
 * resolution against the registry, cross-section validation and {@code spec --explain}.
 *
 * <p>YAML keys are the record components' names in lower_snake_case ({@code hiddenSize} is
 * {@code hidden_size}), for rnnlab's own sections and for every plugin's config record alike.
 */
package org.rnnlab.experiments.spec;
