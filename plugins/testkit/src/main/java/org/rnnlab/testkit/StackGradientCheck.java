package org.rnnlab.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.layer.RecurrentSpec;
import org.rnnlab.plugins.core.layer.RecurrentStack;
import org.rnnlab.plugins.core.layer.Truncation;

/**
 * Checks a cell through the shared {@link RecurrentStack} in double precision: stacking,
 * directions, variable lengths, initial states, dropout and truncated BPTT.
 *
 * <p>Full BPTT is compared with finite differences of
 * {@code L = sum(y * dy) + sum_k sum(finalStates_k * dFinal_k)} w.r.t. every parameter, {@code x}
 * and every initial state (dropout uses a fresh stream of one fixed seed for each evaluation, so
 * the mask is a constant of {@code L}). Truncated BPTT is compared with its definition
 * ({@link Truncation}): for every window, a stack run over just that window, started from the
 * state the full run had there (a constant), with only the window's own output gradients, and
 * back-propagated in full; the sums over windows must equal the truncated gradients. Rows that
 * ended before a window starts are left out of that window: their state there is a constant.
 */
public final class StackGradientCheck {
  private static final int INPUT = 3;
  private static final int HIDDEN = 4;
  private static final long DROPOUT_SEED = 77;

  private StackGradientCheck() {}

  /**
   * @param factory the cell type
   * @param config its options
   * @return one result per {@link StackCase#standard()} case
   */
  public static List<GradientCheckResult> checkAll(CellFactory<?> factory, PluginConfig config) {
    List<GradientCheckResult> out = new ArrayList<>();
    for (StackCase c : StackCase.standard()) {
      out.add(check(factory, config, c, new SplittableRandom(0x57AC4L)));
    }
    return out;
  }

  /**
   * @param factory the cell type
   * @param config its options
   * @param c the stack configuration
   * @param rng source of parameters and data
   * @return per-tensor comparison
   */
  public static GradientCheckResult check(CellFactory<?> factory, PluginConfig config, StackCase c,
      SplittableRandom rng) {
    Problem p = new Problem(factory, config, c, rng);
    return c.truncation() == null ? p.checkFull() : p.checkTruncated();
  }

  /** A stack with random parameters, data and upstream gradients. */
  private static final class Problem {
    private final KernelOps ops = KernelOpsProvider.scalar();
    private final StackCase c;
    private final RecurrentStack stack;
    private final int[] lengths;
    private final Tensor x;
    private final Tensor[] initial;
    private final Tensor dy;
    private final Tensor[] dFinal;
    private final String subject;

    Problem(CellFactory<?> factory, PluginConfig config, StackCase c, SplittableRandom rng) {
      this.c = c;
      RecurrentSpec spec = new RecurrentSpec(INPUT, HIDDEN, c.layers(), c.bidirectional(), c.dropout());
      this.stack = new RecurrentStack(factory, config, spec, DType.FLOAT64);
      stack.resetParameters(rng.split());
      this.lengths = c.lengths();
      int batch = lengths.length;
      int rows = c.layers() * spec.directions();
      this.x = RandomTensors.uniform(rng, DType.FLOAT64, 1, batch, c.steps(), INPUT);
      this.initial = RandomTensors.uniformSet(rng, stack.stateCount(), 0.8, rows, batch, HIDDEN);
      this.dy = RandomTensors.uniform(rng, DType.FLOAT64, 1, batch, c.steps(), spec.directions() * HIDDEN);
      this.dFinal = RandomTensors.uniformSet(rng, stack.stateCount(), 1, rows, batch, HIDDEN);
      this.subject = "stack " + stack + " [" + c.name() + "]";
    }

    private SplittableRandom dropoutStream() {
      return c.dropout() > 0 ? new SplittableRandom(DROPOUT_SEED) : null;
    }

    private double loss() {
      RecurrentStack.Output out = stack.forward(ops, x, lengths, initial, dropoutStream());
      double l = FiniteDifferences.dot(out.y(), dy);
      for (int k = 0; k < dFinal.length; k++) {
        l += FiniteDifferences.dot(out.finalStates()[k], dFinal[k]);
      }
      return l;
    }

    GradientCheckResult checkFull() {
      stack.zeroGrad();
      stack.forward(ops, x, lengths, initial, dropoutStream());
      RecurrentStack.Gradients g = stack.backward(ops, dy, dFinal, null);
      List<Tensor> analytic = gradCopies();
      DoubleSupplier loss = this::loss;
      List<TensorComparison> out = new ArrayList<>();
      List<Parameter> params = stack.parameters();
      for (int i = 0; i < params.size(); i++) {
        out.add(compare(params.get(i).name(), analytic.get(i),
            FiniteDifferences.gradient(loss, params.get(i).value(), FiniteDifferences.EPS)));
      }
      out.add(compare("x", g.dx(), FiniteDifferences.gradient(loss, x, FiniteDifferences.EPS)));
      for (int k = 0; k < initial.length; k++) {
        out.add(compare("initialStates[" + k + "]", g.dInitialStates()[k],
            FiniteDifferences.gradient(loss, initial[k], FiniteDifferences.EPS)));
      }
      return new GradientCheckResult(subject, out);
    }

    GradientCheckResult checkTruncated() {
      Truncation truncation = c.truncation();
      stack.zeroGrad();
      stack.forward(ops, x, lengths, initial, null);
      RecurrentStack.Gradients g = stack.backward(ops, dy, dFinal, truncation);
      List<Tensor> analytic = gradCopies();

      int steps = c.steps();
      List<Tensor> refParams = new ArrayList<>();
      for (Parameter p : stack.parameters()) {
        refParams.add(Tensor.zeros(DType.FLOAT64, p.grad().shape()));
      }
      Tensor refDx = Tensor.zeros(DType.FLOAT64, x.shape());
      Tensor[] refInitial = new Tensor[initial.length];
      for (int k = 0; k < initial.length; k++) {
        refInitial[k] = Tensor.zeros(DType.FLOAT64, initial[k].shape());
      }
      for (Truncation.Window w : truncation.windows(steps)) {
        // rows that ended before the window have a constant state there: no gradient at all
        int[] rows = activeRows(w.start());
        Tensor[] start = w.start() == 0 ? initial
            : stack.forward(ops, Sequences.range(x, 0, w.start()), clip(lengths, 0, w.start()),
                initial, null).finalStates();
        Tensor dyWindow = Sequences.range(Sequences.rows(dy, rows), w.start(), w.end());
        Sequences.zeroSteps(dyWindow, 0, w.inject() - w.start());
        stack.zeroGrad();
        stack.forward(ops, Sequences.range(Sequences.rows(x, rows), w.start(), w.end()),
            clip(pick(lengths, rows), w.start(), w.end()), Sequences.stateRows(start, rows), null);
        RecurrentStack.Gradients gw = stack.backward(ops, dyWindow,
            w.end() == steps ? Sequences.stateRows(dFinal, rows) : null, null);
        for (int i = 0; i < refParams.size(); i++) {
          ops.axpy(1, stack.parameters().get(i).grad(), refParams.get(i));
        }
        Sequences.addRange(gw.dx(), rows, refDx, w.start());
        if (w.start() == 0) {
          for (int k = 0; k < initial.length; k++) {
            ops.axpy(1, gw.dInitialStates()[k], refInitial[k]);
          }
        }
      }
      List<TensorComparison> out = new ArrayList<>();
      for (int i = 0; i < refParams.size(); i++) {
        out.add(compare(stack.parameters().get(i).name(), analytic.get(i), refParams.get(i)));
      }
      out.add(compare("x", g.dx(), refDx));
      for (int k = 0; k < initial.length; k++) {
        out.add(compare("initialStates[" + k + "]", g.dInitialStates()[k], refInitial[k]));
      }
      return new GradientCheckResult(subject + " vs. detached windows", out);
    }

    /** @return the rows with a valid step at or after {@code step} */
    private int[] activeRows(int step) {
      return java.util.stream.IntStream.range(0, lengths.length).filter(b -> lengths[b] > step).toArray();
    }

    private static int[] pick(int[] values, int[] rows) {
      return java.util.Arrays.stream(rows).map(b -> values[b]).toArray();
    }

    /** @return the valid lengths of the rows within steps {@code [from, to)}, each at least 1 */
    private static int[] clip(int[] rowLengths, int from, int to) {
      return java.util.Arrays.stream(rowLengths).map(n -> Math.min(n, to) - from).toArray();
    }

    private List<Tensor> gradCopies() {
      List<Tensor> out = new ArrayList<>();
      for (Parameter p : stack.parameters()) {
        out.add(p.grad().copy());
      }
      return out;
    }

    private static TensorComparison compare(String name, Tensor analytic, Tensor reference) {
      return TensorComparison.of(name, analytic, reference, CellGradientCheck.ATOL, CellGradientCheck.RTOL);
    }
  }
}
