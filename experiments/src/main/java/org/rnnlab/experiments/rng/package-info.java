/** Seed derivation: every random stream of a run comes from (master seed, purpose, counter). */
package org.rnnlab.experiments.rng;
