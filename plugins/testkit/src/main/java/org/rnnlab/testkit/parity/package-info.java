/**
 * PyTorch parity: read reference fixtures ({@link org.rnnlab.testkit.parity.ParityFixture}) and
 * check a recurrent stack against them ({@link org.rnnlab.testkit.parity.RecurrentParity}).
 */
package org.rnnlab.testkit.parity;
