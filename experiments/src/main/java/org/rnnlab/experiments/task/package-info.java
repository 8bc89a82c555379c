/** The built-in synthetic tasks and the registry that finds them by YAML name. */
package org.rnnlab.experiments.task;
