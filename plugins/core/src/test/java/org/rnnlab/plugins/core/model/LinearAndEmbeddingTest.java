package org.rnnlab.plugins.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.Parameter;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;

class LinearAndEmbeddingTest {
  private final KernelOps ops = KernelOpsProvider.scalar();

  /** loss = sum(y * w) for fixed random w, so dL/dy = w. */
  private double loss(Linear lin, Tensor x, Tensor w) {
    Tensor y = Tensor.zeros(DType.FLOAT64, x.dim(0), lin.outputSize());
    lin.forward(ops, x, y);
    double s = 0;
    for (int i = 0; i < y.size(); i++) {
      s += y.get(i) * w.get(i);
    }
    return s;
  }

  private static Tensor random(SplittableRandom rng, int... shape) {
    Tensor t = Tensor.zeros(DType.FLOAT64, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, rng.nextDouble(-1, 1));
    }
    return t;
  }

  @Test
  void linearBackwardMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(7);
    Linear lin = new Linear("head", 5, 3, DType.FLOAT64);
    lin.resetParameters(rng);
    Tensor x = random(rng, 4, 5);
    Tensor w = random(rng, 4, 3);
    Tensor dx = Tensor.zeros(DType.FLOAT64, 4, 5);
    lin.backward(ops, x, w, dx);
    double eps = 1e-6;
    for (Parameter p : lin.parameters()) {
      for (int i = 0; i < p.value().size(); i++) {
        double v = p.value().get(i);
        p.value().set(i, v + eps);
        double up = loss(lin, x, w);
        p.value().set(i, v - eps);
        double down = loss(lin, x, w);
        p.value().set(i, v);
        assertEquals((up - down) / (2 * eps), p.grad().get(i), 1e-8, p.name() + "[" + i + "]");
      }
    }
    for (int i = 0; i < x.size(); i++) {
      double v = x.get(i);
      x.set(i, v + eps);
      double up = loss(lin, x, w);
      x.set(i, v - eps);
      double down = loss(lin, x, w);
      x.set(i, v);
      assertEquals((up - down) / (2 * eps), dx.get(i), 1e-8, "x[" + i + "]");
    }
  }

  @Test
  void linearRejectsWrongInputWidthNamingTheTensor() {
    Linear lin = new Linear("head", 5, 3, DType.FLOAT32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lin.forward(ops, Tensor.zeros(DType.FLOAT32, 4, 4), Tensor.zeros(DType.FLOAT32, 4, 3)));
    assertEquals("head input: expected shape [4, 5] but got [4, 4]", e.getMessage());
  }

  @Test
  void embeddingGathersRowsAndScatterAddsGradients() {
    Embedding emb = new Embedding("embedding", 4, 2, DType.FLOAT64);
    emb.resetParameters(new SplittableRandom(1));
    int[] ids = {3, 1, 3};
    Tensor out = Tensor.zeros(DType.FLOAT64, 3, 2);
    emb.forward(ids, out);
    Tensor w = emb.parameters().get(0).value();
    assertEquals(w.get(3 * 2 + 1), out.get(1), 0);
    assertEquals(w.get(1 * 2), out.get(2), 0);
    Tensor d = Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    emb.backward(ids, d);
    Tensor g = emb.parameters().get(0).grad();
    assertEquals(1 + 5, g.get(6), 0);
    assertEquals(2 + 6, g.get(7), 0);
    assertEquals(3, g.get(2), 0);
    assertEquals(0, g.get(0), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> emb.forward(new int[] {4}, Tensor.zeros(DType.FLOAT64, 1, 2)));
    assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
  }
}
