package org.rnnlab.experiments.rng;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Every random stream of a run, derived from one master seed so that a run can be stopped and
 * resumed bit-exactly.
 *
 * <p>{@link SplittableRandom}'s state cannot be read or set, so instead of saving generators this
 * class never keeps one: a generator is a pure function of {@code (seed, purpose, counter)}
 * ({@link #at}). A <em>named stream</em> ({@link #next}) hands out the generators for counter
 * 0, 1, 2, ... of its purpose; its position (the next counter) is all a checkpoint must store,
 * and {@link #restore} puts it back. Typical purposes: {@link #INIT} (counter 0: parameter
 * initialisation), {@link #TRAIN_DATA} (one counter per training batch), {@link #EVAL_DATA}
 * (counter = eval batch index, the same fixed set every evaluation), {@link #DROPOUT} (one
 * counter per step).
 *
 * <p>The derivation mixes the seed, a 64-bit FNV-1a hash of the purpose's UTF-8 bytes and the
 * counter with SplitMix64's finaliser (Steele, Lea &amp; Flood 2014), the function
 * {@code SplittableRandom} itself is built on, so distinct triples give unrelated streams.
 *
 * <p><b>Thread-safety:</b> {@link #at} is pure and thread-safe; the named-stream methods are
 * synchronized.
 */
public final class SeedStreams {
  /** Parameter initialisation. */
  public static final String INIT = "init";
  /** Training batches, one counter per batch. */
  public static final String TRAIN_DATA = "data.train";
  /** Evaluation batches, counter = batch index within the fixed evaluation set. */
  public static final String EVAL_DATA = "data.eval";
  /** Dropout masks, one counter per training step. */
  public static final String DROPOUT = "dropout";

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long seed;
  private final Map<String, Long> positions = new TreeMap<>();

  /**
   * @param seed the spec's master seed
   */
  public SeedStreams(long seed) {
    this.seed = seed;
  }

  /** @return the master seed */
  public long seed() {
    return seed;
  }

  /**
   * @param purpose what the numbers are for ({@code "data.train"})
   * @param counter which generator of that purpose
   * @return a fresh generator, the same for the same {@code (seed, purpose, counter)} forever
   */
  public SplittableRandom at(String purpose, long counter) {
    long h = mix(seed ^ GOLDEN);
    h = mix(h ^ fnv1a(purpose));
    h = mix(h + counter * GOLDEN);
    return new SplittableRandom(h);
  }

  /**
   * Hands out the generator at the stream's current position and advances it by one.
   *
   * @param purpose the named stream
   * @return the generator for {@code (seed, purpose, position)}
   */
  public synchronized SplittableRandom next(String purpose) {
    long p = positions.getOrDefault(purpose, 0L);
    positions.put(purpose, p + 1);
    return at(purpose, p);
  }

  /**
   * @param purpose a named stream
   * @return the counter {@link #next} will use next (0 for a stream never used)
   */
  public synchronized long position(String purpose) {
    return positions.getOrDefault(purpose, 0L);
  }

  /** @return a snapshot of every named stream's position, sorted by name */
  public synchronized Map<String, Long> positions() {
    return Collections.unmodifiableMap(new TreeMap<>(positions));
  }

  /**
   * Replaces all positions, e.g. with those stored in a checkpoint.
   *
   * @param saved positions from {@link #positions()}
   * @throws IllegalArgumentException when a position is negative
   */
  public synchronized void restore(Map<String, Long> saved) {
    saved.forEach((name, p) -> {
      if (p < 0) {
        throw new IllegalArgumentException("stream '" + name + "': negative position " + p);
      }
    });
    positions.clear();
    positions.putAll(saved);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long fnv1a(String s) {
    long h = 0xCBF29CE484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return h;
  }
}
