/** Dense tensors: the one array type every SPI and kernel exchanges. */
package org.rnnlab.api.tensor;
