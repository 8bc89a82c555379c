/**
 * Learning-rate schedules ({@code optimizer.schedule}): a multiplicative factor of the
 * optimizer's base rate per step, with PyTorch's {@code lr_scheduler} formulas.
 */
package org.rnnlab.experiments.schedule;
