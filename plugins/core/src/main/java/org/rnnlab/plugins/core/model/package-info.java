/** Non-recurrent layers that models compose with recurrent stacks: embeddings and linear heads. */
package org.rnnlab.plugins.core.model;
