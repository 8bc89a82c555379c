/** The loss SPI. */
package org.rnnlab.api.loss;
