package org.rnnlab.plugins.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

/**
 * The source article's worked example: a 2-unit tanh RNN in Elman's notation
 * {@code h_t = tanh(W_h x_t + U_h h_{t-1} + b_h)} with {@code W_h = [[1,2],[3,4]]},
 * {@code U_h = [[7,8],[9,10]]}, {@code b_h = [5,6]}, {@code x = [0.5, 0.3]}, {@code h_0 = 0}.
 *
 * <p>Correct arithmetic: {@code W_h x + b_h = [0.5 + 0.6 + 5, 1.5 + 1.2 + 6] = [6.1, 8.7]}, so
 * {@code h_1 = [tanh 6.1, tanh 8.7] = [0.99998994, 0.99999994]}. The article's {@code tanh(15.1)}
 * (= 0.99999999999985) matches no term of this computation; with {@code h_0 = 0} the recurrent
 * matrix does not contribute at step 1 at all.
 */
class ElmanWorkedExampleTest {
  private final KernelOps ops = KernelOpsProvider.scalar();

  private Cell articleCell(DType dtype) {
    Cell cell = ElmanCell.factory(org.rnnlab.api.kernel.Activation.TANH)
        .create(new NoConfig(), new CellShape(2, 2, dtype));
    List<Parameter> p = cell.parameters();
    set(p, "weight_ih", 1, 2, 3, 4);   // W_h: input -> hidden
    set(p, "weight_hh", 7, 8, 9, 10);  // U_h: hidden -> hidden
    set(p, "bias_ih", 5, 6);           // b_h
    set(p, "bias_hh", 0, 0);           // PyTorch's second bias, unused by the article
    return cell;
  }

  private static void set(List<Parameter> params, String name, double... values) {
    Parameter p = params.stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    for (int i = 0; i < values.length; i++) {
      p.value().set(i, values[i]);
    }
  }

  @Test
  void firstStepIsTanhOfSixPointOneAndEightPointSeven() {
    Cell cell = articleCell(DType.FLOAT64);
    Tensor x = Tensor.wrap(new double[] {0.5, 0.3}, 1, 2);
    Tensor h0 = Tensor.zeros(DType.FLOAT64, 1, 2);
    Tensor h1 = Tensor.zeros(DType.FLOAT64, 1, 2);
    cell.forward(ops, x, new Tensor[] {h0}, new Tensor[] {h1}, cell.newCache(1));
    assertEquals(0.9999899391393965, h1.get(0), 1e-15); // tanh(6.1)
    assertEquals(0.9999999444983367, h1.get(1), 1e-15); // tanh(8.7)
  }

  @Test
  void secondStepUsesTheRecurrentMatrix() {
    Cell cell = articleCell(DType.FLOAT64);
    Tensor x = Tensor.wrap(new double[] {0.5, 0.3}, 1, 2);
    Tensor h1 = Tensor.wrap(new double[] {0.9999899391393965, 0.9999999444983367}, 1, 2);
    Tensor h2 = Tensor.zeros(DType.FLOAT64, 1, 2);
    cell.forward(ops, x, new Tensor[] {h1}, new Tensor[] {h2}, cell.newCache(1));
    // pre-activations 6.1 + 7 h1[0] + 8 h1[1] = 21.0999291 and 8.7 + 9 h1[0] + 10 h1[1] = 27.6999089:
    // tanh saturates to 1 in double precision
    assertEquals(1.0, h2.get(0), 0);
    assertEquals(1.0, h2.get(1), 0);
  }

  @Test
  void gradientOfTheSumOfTheFirstStateIsOneMinusTanhSquaredTimesInput() {
    Cell cell = articleCell(DType.FLOAT64);
    Tensor x = Tensor.wrap(new double[] {0.5, 0.3}, 1, 2);
    Tensor h0 = Tensor.zeros(DType.FLOAT64, 1, 2);
    Tensor h1 = Tensor.zeros(DType.FLOAT64, 1, 2);
    Cell.Cache cache = cell.newCache(1);
    cell.forward(ops, x, new Tensor[] {h0}, new Tensor[] {h1}, cache);
    Tensor dx = Tensor.zeros(DType.FLOAT64, 1, 2);
    Tensor dh0 = Tensor.zeros(DType.FLOAT64, 1, 2);
    cell.backward(ops, x, new Tensor[] {h0}, cache,
        new Tensor[] {Tensor.wrap(new double[] {1, 1}, 1, 2)}, dx, new Tensor[] {dh0});
    double d0 = 2.012161998610207e-05;   // 1 - tanh(6.1)^2
    double d1 = 1.1100332342195429e-07;  // 1 - tanh(8.7)^2
    Tensor gW = cell.parameters().stream().filter(p -> p.name().equals("weight_ih"))
        .findFirst().orElseThrow().grad();
    assertEquals(d0 * 0.5, gW.get(0), 1e-18);
    assertEquals(d0 * 0.3, gW.get(1), 1e-18);
    assertEquals(d1 * 0.5, gW.get(2), 1e-18);
    assertEquals(d1 * 0.3, gW.get(3), 1e-18);
    // dL/dh0 = U_h^T d: the recurrent matrix only shows up in the gradient at step 1
    assertEquals(7 * d0 + 9 * d1, dh0.get(0), 1e-18);
    assertEquals(8 * d0 + 10 * d1, dh0.get(1), 1e-18);
  }

  @Test
  void float32AgreesWithTheDoubleValues() {
    Cell cell = articleCell(DType.FLOAT32);
    Tensor x = Tensor.wrap(new float[] {0.5f, 0.3f}, 1, 2);
    Tensor h1 = Tensor.zeros(DType.FLOAT32, 1, 2);
    cell.forward(ops, x, new Tensor[] {Tensor.zeros(DType.FLOAT32, 1, 2)}, new Tensor[] {h1},
        cell.newCache(1));
    assertEquals(0.9999899391393965, h1.get(0), 1e-6);
    assertEquals(0.9999999444983367, h1.get(1), 1e-6);
  }
}
