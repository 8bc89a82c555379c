/** Plugin discovery and registration: Guice map binders keyed by YAML type names. */
package org.rnnlab.plugins.core;
