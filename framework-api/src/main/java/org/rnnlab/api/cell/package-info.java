/** The recurrent cell SPI: one time step forward and backward. */
package org.rnnlab.api.cell;
