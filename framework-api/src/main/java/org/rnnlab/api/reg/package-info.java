/** The regularizer SPI: penalties and gradient clipping. */
package org.rnnlab.api.reg;
