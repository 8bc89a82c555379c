package org.rnnlab.plugins.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.PluginFamily;
import org.rnnlab.plugins.core.PluginRegistry;
import org.rnnlab.plugins.core.Plugins;

/**
 * Registration, parameter layout, initialisation, options and argument checks of the built-in
 * cells. (Their math is checked against PyTorch and finite differences in rnnlab-testkit.)
 */
class BuiltinCellsTest {
  private static final PluginRegistry REGISTRY = Plugins.load();
  private static final KernelOps OPS = KernelOpsProvider.scalar();

  private static Cell create(String key, DType dtype) {
    CellFactory<?> f = REGISTRY.get(PluginFamily.CELL, key);
    return f.createFrom(f.defaults(), new CellShape(3, 5, dtype));
  }

  @Test
  void cellsModuleRegistersTheFourBuiltinTypes() {
    assertTrue(REGISTRY.all(PluginFamily.CELL).keySet()
        .containsAll(List.of("gru", "lstm", "rnn_relu", "rnn_tanh")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rnn_tanh:1:1", "rnn_relu:1:1", "lstm:4:2", "gru:3:1"})
  void parametersHavePyTorchNamesShapesAndInitialisationBounds(String spec) {
    String[] parts = spec.split(":");
    int g = Integer.parseInt(parts[1]);
    Cell cell = create(parts[0], DType.FLOAT32);
    assertEquals(Integer.parseInt(parts[2]), cell.stateCount());
    cell.resetParameters(new SplittableRandom(7));
    List<Parameter> ps = cell.parameters();
    assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
        ps.stream().map(Parameter::name).toList());
    assertArrayEquals(new int[] {g * 5, 3}, ps.get(0).value().shape());
    assertArrayEquals(new int[] {g * 5, 5}, ps.get(1).value().shape());
    assertArrayEquals(new int[] {g * 5}, ps.get(2).value().shape());
    assertArrayEquals(new int[] {g * 5}, ps.get(3).value().shape());
    double bound = 1 / Math.sqrt(5);
    for (Parameter p : ps) {
      assertTrue(OPS.maxAbs(p.value()) <= bound, p.name() + " within U(-1/sqrt(H), 1/sqrt(H))");
      assertTrue(OPS.maxAbs(p.value()) > bound / 2, p.name() + " actually initialised");
    }
  }

  @Test
  void resetParametersIsDeterministicForASeed() {
    Cell a = create("lstm", DType.FLOAT64);
    Cell b = create("lstm", DType.FLOAT64);
    a.resetParameters(new SplittableRandom(3));
    b.resetParameters(new SplittableRandom(3));
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(a.parameters().get(i).value().toDoubleArray(),
          b.parameters().get(i).value().toDoubleArray(), 0);
    }
  }

  @Test
  void lstmForgetBiasShiftsOnlyTheForgetBlockOfBiasIh() {
    CellShape shape = new CellShape(3, 5, DType.FLOAT64);
    Cell plain = new LstmCell(LstmConfig.defaults(), shape);
    Cell shifted = new LstmCell(new LstmConfig(1.0), shape);
    plain.resetParameters(new SplittableRandom(11));
    shifted.resetParameters(new SplittableRandom(11));
    double[] p = plain.parameters().get(2).value().toDoubleArray();
    double[] s = shifted.parameters().get(2).value().toDoubleArray();
    for (int j = 0; j < 20; j++) {
      assertEquals(p[j] + (j >= 5 && j < 10 ? 1.0 : 0.0), s[j], 1e-15, "bias_ih[" + j + "]");
    }
    assertArrayEquals(plain.parameters().get(3).value().toDoubleArray(),
        shifted.parameters().get(3).value().toDoubleArray(), 0);
  }

  @Test
  void gruConfigRejectsUnknownVariantListingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GruConfig("cho"));
    assertTrue(e.getMessage().contains("pytorch") && e.getMessage().contains("cho2014"), e.getMessage());
  }

  @Test
  void gruVariantsAgreeExactlyWhereTheResetGateMultipliesZeroAndDifferElsewhere() {
    // with h = 0 and b_hn = 0 the reset gate multiplies zero in both variants
    CellShape shape = new CellShape(3, 5, DType.FLOAT64);
    Cell torch = GruCell.FACTORY.create(GruConfig.defaults(), shape);
    Cell cho = GruCell.FACTORY.create(new GruConfig(GruConfig.CHO2014), shape);
    torch.resetParameters(new SplittableRandom(2));
    for (int i = 0; i < 4; i++) {
      cho.parameters().get(i).value().copyFrom(torch.parameters().get(i).value());
    }
    for (Cell c : List.of(torch, cho)) {
      c.parameters().get(3).value().view(10, 5).fill(0);
    }
    Tensor x = Tensor.of(DType.FLOAT64, new double[] {0.3, -0.2, 0.9, 0.1, 0.5, -0.7}, 2, 3);
    Tensor[] h0 = {Tensor.zeros(DType.FLOAT64, 2, 5)};
    Tensor[] a = {Tensor.zeros(DType.FLOAT64, 2, 5)};
    Tensor[] b = {Tensor.zeros(DType.FLOAT64, 2, 5)};
    torch.forward(OPS, x, h0, a, torch.newCache(2));
    cho.forward(OPS, x, h0, b, cho.newCache(2));
    assertArrayEquals(a[0].toDoubleArray(), b[0].toDoubleArray(), 1e-12);

    Tensor[] h1 = {a[0].copy()};
    torch.forward(OPS, x, h1, a, torch.newCache(2));
    cho.forward(OPS, x, h1, b, cho.newCache(2));
    assertTrue(OPS.maxAbs(diff(a[0], b[0])) > 1e-6, "with h != 0 the variants differ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rnn_tanh", "rnn_relu", "lstm", "gru"})
  void float32AndFloat64StepsAgree(String key) {
    Cell c32 = create(key, DType.FLOAT32);
    Cell c64 = create(key, DType.FLOAT64);
    c64.resetParameters(new SplittableRandom(5));
    for (int i = 0; i < 4; i++) {
      c32.parameters().get(i).value().copyFrom(c64.parameters().get(i).value());
    }
    double[] xs = {0.5, -1, 0.25, 2, 0.75, -0.5};
    Tensor[] p32 = new Tensor[c32.stateCount()];
    Tensor[] p64 = new Tensor[c32.stateCount()];
    Tensor[] n32 = new Tensor[c32.stateCount()];
    Tensor[] n64 = new Tensor[c32.stateCount()];
    for (int k = 0; k < p32.length; k++) {
      p64[k] = Tensor.zeros(DType.FLOAT64, 2, 5);
      p64[k].fill(0.125 * (k + 1));
      p32[k] = p64[k].to(DType.FLOAT32);
      n32[k] = Tensor.zeros(DType.FLOAT32, 2, 5);
      n64[k] = Tensor.zeros(DType.FLOAT64, 2, 5);
    }
    c32.forward(OPS, Tensor.of(DType.FLOAT32, xs, 2, 3), p32, n32, c32.newCache(2));
    c64.forward(OPS, Tensor.of(DType.FLOAT64, xs, 2, 3), p64, n64, c64.newCache(2));
    for (int k = 0; k < n32.length; k++) {
      assertArrayEquals(n64[k].toDoubleArray(), n32[k].toDoubleArray(), 1e-6);
    }
  }

  @Test
  void wrongInputShapeIsRejectedNamingTensorAndShapes() {
    Cell cell = create("lstm", DType.FLOAT32);
    Tensor[] s = {Tensor.zeros(DType.FLOAT32, 2, 5), Tensor.zeros(DType.FLOAT32, 2, 5)};
    Tensor[] n = {Tensor.zeros(DType.FLOAT32, 2, 5), Tensor.zeros(DType.FLOAT32, 2, 5)};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cell.forward(OPS, Tensor.zeros(DType.FLOAT32, 2, 4), s, n, cell.newCache(2)));
    assertEquals("x: expected shape [2, 3] but got [2, 4]", e.getMessage());
    Tensor[] shortState = {Tensor.zeros(DType.FLOAT32, 2, 5), Tensor.zeros(DType.FLOAT32, 2, 6)};
    e = assertThrows(IllegalArgumentException.class,
        () -> cell.forward(OPS, Tensor.zeros(DType.FLOAT32, 2, 3), shortState, n, cell.newCache(2)));
    assertEquals("prev[1]: expected shape [2, 5] but got [2, 6]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> cell.forward(OPS, Tensor.zeros(DType.FLOAT32, 2, 3), new Tensor[] {s[0]}, n,
            cell.newCache(2)));
    assertEquals("prev: expected 2 state tensors but got 1", e.getMessage());
  }

  @Test
  void aCacheOfAnotherCellIsRejected() {
    Cell lstm = create("lstm", DType.FLOAT32);
    Cell gru = create("gru", DType.FLOAT32);
    Tensor[] s = {Tensor.zeros(DType.FLOAT32, 2, 5), Tensor.zeros(DType.FLOAT32, 2, 5)};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lstm.forward(OPS, Tensor.zeros(DType.FLOAT32, 2, 3), s, s, gru.newCache(2)));
    assertTrue(e.getMessage().startsWith("cache:"), e.getMessage());
  }

  private static Tensor diff(Tensor a, Tensor b) {
    Tensor d = a.copy();
    OPS.axpy(-1, b, d);
    return d;
  }
}
