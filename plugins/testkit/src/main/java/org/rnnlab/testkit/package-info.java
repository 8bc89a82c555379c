/**
 * The plugin test kit: finite-difference gradient checks in double precision for any cell
 * ({@link org.rnnlab.testkit.CellGradientCheck}, {@link org.rnnlab.testkit.StackGradientCheck})
 * and any loss ({@link org.rnnlab.testkit.LossGradientCheck}), usable from a plugin author's own
 * JUnit tests; PyTorch parity in {@link org.rnnlab.testkit.parity}.
 */
package org.rnnlab.testkit;
