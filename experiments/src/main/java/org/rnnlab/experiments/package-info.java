/**
 * The experiment side of rnnlab: YAML specs, tasks, run directories, checkpoints and the CLI.
 * {@link org.rnnlab.experiments.UserError} marks every failure a user can fix.
 */
package org.rnnlab.experiments;
