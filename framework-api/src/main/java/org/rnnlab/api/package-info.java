/**
 * rnnlab's contracts: tensors, parameters and the plugin SPIs (cells, losses, optimizers,
 * regularizers, metrics) plus the kernel SPI. No Guice and no Vector API here, so a plugin
 * author compiles against this module only.
 */
package org.rnnlab.api;
