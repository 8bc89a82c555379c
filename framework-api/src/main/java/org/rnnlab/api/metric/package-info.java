/** The metric SPI. */
package org.rnnlab.api.metric;
