package org.rnnlab.experiments.run;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar (me.tongfei progressbar; needs {@code --enable-native-access=ALL-UNNAMED} for jline). */
final class BarProgressReporter implements ProgressReporter {
  private final ProgressBar bar;

  BarProgressReporter(long totalSteps, long startStep) {
    this.bar = new ProgressBarBuilder()
        .setTaskName("train")
        .setInitialMax(totalSteps)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" steps", 1)
        .showSpeed()
        .startsFrom(startStep, Duration.ZERO)
        .build();
  }

  @Override
  public void update(long step, String message) {
    bar.stepTo(step);
    bar.setExtraMessage(message);
  }

  @Override
  public void close() {
    bar.close();
  }
}
