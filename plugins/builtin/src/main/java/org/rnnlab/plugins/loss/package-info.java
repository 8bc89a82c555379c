/**
 * Built-in losses with PyTorch semantics ({@code mse}, {@code cross_entropy},
 * {@code bce_with_logits}), each with row masks and {@code mean}/{@code sum} reduction.
 */
package org.rnnlab.plugins.loss;
