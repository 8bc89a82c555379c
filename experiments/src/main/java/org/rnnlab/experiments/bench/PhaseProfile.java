package org.rnnlab.experiments.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.rnnlab.plugins.core.layer.LayerPhaseEvent;

/**
 * Where a training step's time goes, by layer phase: runs steps under a JFR recording of
 * {@link LayerPhaseEvent}s only and sums their durations per phase. What the phases do not
 * cover (loss, layout changes, output-gradient gathering, optimizer) is the step's time minus
 * their sum.
 */
public final class PhaseProfile {
  private PhaseProfile() {}

  /** The layer's phases in the order a training step runs them. */
  private static final List<String> ORDER = List.of(LayerPhaseEvent.INPUT_PROJECTION,
      LayerPhaseEvent.FORWARD_STEP, LayerPhaseEvent.BACKWARD_STEP,
      LayerPhaseEvent.WEIGHT_GRADIENTS);

  /**
   * @param phases milliseconds per step of each phase, in the order a step runs them (0 for a
   *     phase that did not run)
   * @param stepMillis mean wall-clock milliseconds of a recorded step
   */
  public record Result(Map<String, Double> phases, double stepMillis) {
    /** @return the step's milliseconds outside every phase */
    public double outsideMillis() {
      return stepMillis - phases.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  /**
   * Runs {@code step} {@code steps} times while recording, then reads the recording back.
   *
   * @throws UncheckedIOException when the recording cannot be written or read
   */
  public static Result measure(Runnable step, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    Path file = null;
    try (Recording recording = new Recording()) {
      recording.enable(LayerPhaseEvent.NAME).withThreshold(Duration.ZERO).withoutStackTrace();
      recording.start();
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step.run();
      }
      double stepMillis = (System.nanoTime() - t0) / 1e6 / steps;
      recording.stop();
      file = Files.createTempFile("rnnlab-phases", ".jfr");
      recording.dump(file);
      return new Result(sum(RecordingFile.readAllEvents(file), steps), stepMillis);
    } catch (IOException e) {
      throw new UncheckedIOException("phase recording: " + e.getMessage(), e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  private static Map<String, Double> sum(List<RecordedEvent> events, int steps) {
    Map<String, Double> millis = new LinkedHashMap<>();
    // the file holds events by thread buffer, not by time: the map takes the step's order
    for (String phase : ORDER) {
      millis.put(phase, 0.0);
    }
    for (RecordedEvent e : events) {
      if (e.getEventType().getName().equals(LayerPhaseEvent.NAME)) {
        millis.merge(e.getString("phase"), e.getDuration().toNanos() / 1e6 / steps, Double::sum);
      }
    }
    return millis;
  }
}
