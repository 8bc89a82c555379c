/**
 * {@code rnnlab bench}: times a float32 training step (forward, MSE loss, BPTT, SGD) of a
 * recurrent stack, the same step {@code bench/torch_step.py} times in PyTorch.
 */
package org.rnnlab.experiments.bench;
