/** Plugin configuration records, their help annotations and the factory base contract. */
package org.rnnlab.api.config;
