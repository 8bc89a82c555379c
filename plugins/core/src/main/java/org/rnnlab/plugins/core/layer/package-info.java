/**
 * The shared recurrent layer: {@link org.rnnlab.plugins.core.layer.RecurrentStack} drives any
 * {@link org.rnnlab.api.cell.Cell} over stacked layers, both directions, variable lengths,
 * dropout between layers and truncated BPTT ({@link org.rnnlab.plugins.core.layer.Truncation}).
 */
package org.rnnlab.plugins.core.layer;
