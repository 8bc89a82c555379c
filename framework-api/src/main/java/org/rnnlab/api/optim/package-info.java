/** The optimizer SPI. */
package org.rnnlab.api.optim;
