/**
 * Built-in optimizers with {@code torch.optim}'s exact update rules and state names
 * ({@code sgd}, {@code adam}, {@code adamw}, {@code rmsprop}, {@code adagrad}), and
 * {@link org.rnnlab.plugins.optim.TorchOptimizerNames}, which maps a torch.optim class and its
 * keyword arguments to the matching rnnlab config.
 */
package org.rnnlab.plugins.optim;
