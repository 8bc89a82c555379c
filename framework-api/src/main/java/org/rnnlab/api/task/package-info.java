/**
 * The task SPI: seeded generators of training and evaluation batches (synthetic benchmarks now,
 * packaged data sets later). A task never owns randomness; the caller passes the stream.
 */
package org.rnnlab.api.task;
