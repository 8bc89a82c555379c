/** The training loop: model assembly, optimizer steps, evaluation, checkpoints and resume. */
package org.rnnlab.experiments.train;
