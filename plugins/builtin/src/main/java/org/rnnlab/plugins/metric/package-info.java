/** Built-in metrics: {@code accuracy}, {@code mse}, {@code mae}, all over unmasked rows. */
package org.rnnlab.plugins.metric;
