package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorMath.fma;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.rnnlab.api.tensor.Tensor;

/**
 * Fused float32 LSTM and GRU pointwise kernels over batch rows {@code [rowFrom, rowTo)}; the
 * equations are those of {@link org.rnnlab.api.kernel.KernelOps#lstmForward} and friends.
 *
 * <p>Each row runs as a few passes over its hidden units while the row sits in L1: first the
 * activations ({@link VectorMath}'s array loops), then one arithmetic loop. Keeping every
 * transcendental in its own loop keeps each compiled loop within C2's inlining budget; one loop
 * with five inlined tanh/sigmoid bodies does not fit and gets boxed vectors. Every loop is a
 * vector body and a scalar tail computing the same operations in the same order. All inputs of
 * an element are read before its outputs are written, so an output may alias an input of the
 * same shape (for example {@code dcPrev} and {@code dc}).
 */
final class GateKernels {
  private GateKernels() {}

  private static final VectorSpecies<Float> S = FLOATS;
  private static final int L = S.length();

  /**
   * {@code tanh(c)} of the row being differentiated, per thread: the backward step allocates
   * nothing, so a per-step call on a batch of one produces no garbage.
   */
  private static final ThreadLocal<float[]> TANH_C = ThreadLocal.withInitial(() -> new float[0]);

  static void lstmForward(Tensor gates, Tensor cPrev, Tensor c, Tensor h, int hidden,
      int rowFrom, int rowTo) {
    float[] g = gates.floats();
    for (int b = rowFrom; b < rowTo; b++) {
      int gi = gates.offset() + b * 4 * hidden;
      int gg = gi + 2 * hidden;
      int go = gi + 3 * hidden;
      int s = b * hidden;
      // i and f are adjacent: one sigmoid pass; then g (tanh) and o (sigmoid)
      VectorMath.sigmoid(g, gi, g, gi, 2 * hidden);
      VectorMath.tanh(g, gg, g, gg, hidden);
      VectorMath.sigmoid(g, go, g, go, hidden);
      cellUpdate(g, gi, hidden, cPrev.floats(), cPrev.offset() + s, c.floats(), c.offset() + s);
      // h = o * tanh(c)
      VectorMath.tanh(c.floats(), c.offset() + s, h.floats(), h.offset() + s, hidden);
      ElementwiseKernels.mul(g, go, h.floats(), h.offset() + s, h.floats(), h.offset() + s, 0,
          hidden);
    }
  }

  /** {@code c = f * cPrev + i * g} for one row of activated gates starting at {@code gi}. */
  private static void cellUpdate(float[] g, int gi, int hidden, float[] cp, int cpo,
      float[] c, int co) {
    int j = 0;
    for (int bound = S.loopBound(hidden); j < bound; j += L) {
      FloatVector i = FloatVector.fromArray(S, g, gi + j);
      FloatVector f = FloatVector.fromArray(S, g, gi + hidden + j);
      FloatVector gt = FloatVector.fromArray(S, g, gi + 2 * hidden + j);
      fma(f, FloatVector.fromArray(S, cp, cpo + j), i.mul(gt)).intoArray(c, co + j);
    }
    for (; j < hidden; j++) {
      c[co + j] = fma(g[gi + hidden + j], cp[cpo + j], g[gi + j] * g[gi + 2 * hidden + j]);
    }
  }

  static void lstmBackward(Tensor gates, Tensor cPrev, Tensor c, Tensor dh, Tensor dc,
      Tensor dGates, Tensor dcPrev,
      int hidden, int rowFrom, int rowTo) {
    float[] g = gates.floats();
    float[] dg = dGates.floats();
    float[] tcRow = TANH_C.get();
    if (tcRow.length < hidden) {
      tcRow = new float[hidden];
      TANH_C.set(tcRow);
    }
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int b = rowFrom; b < rowTo; b++) {
      int gi = gates.offset() + b * 4 * hidden;
      int di = dGates.offset() + b * 4 * hidden;
      int s = b * hidden;
      VectorMath.tanh(c.floats(), c.offset() + s, tcRow, 0, hidden);
      int j = 0;
      for (int bound = S.loopBound(hidden); j < bound; j += L) {
        FloatVector i = FloatVector.fromArray(S, g, gi + j);
        FloatVector f = FloatVector.fromArray(S, g, gi + hidden + j);
        FloatVector gt = FloatVector.fromArray(S, g, gi + 2 * hidden + j);
        FloatVector o = FloatVector.fromArray(S, g, gi + 3 * hidden + j);
        FloatVector cp = FloatVector.fromArray(S, cPrev.floats(), cPrev.offset() + s + j);
        FloatVector tc = FloatVector.fromArray(S, tcRow, j);
        FloatVector dhv = FloatVector.fromArray(S, dh.floats(), dh.offset() + s + j);
        FloatVector dcv = FloatVector.fromArray(S, dc.floats(), dc.offset() + s + j);
        FloatVector dct = fma(dhv.mul(o), one.sub(tc.mul(tc)), dcv);
        dct.mul(gt).mul(i.mul(one.sub(i))).intoArray(dg, di + j);
        dct.mul(cp).mul(f.mul(one.sub(f))).intoArray(dg, di + hidden + j);
        dct.mul(i).mul(one.sub(gt.mul(gt))).intoArray(dg, di + 2 * hidden + j);
        dhv.mul(tc).mul(o.mul(one.sub(o))).intoArray(dg, di + 3 * hidden + j);
        dct.mul(f).intoArray(dcPrev.floats(), dcPrev.offset() + s + j);
      }
      for (; j < hidden; j++) {
        float i = g[gi + j];
        float f = g[gi + hidden + j];
        float gt = g[gi + 2 * hidden + j];
        float o = g[gi + 3 * hidden + j];
        float cp = cPrev.floats()[cPrev.offset() + s + j];
        float tc = tcRow[j];
        float dhv = dh.floats()[dh.offset() + s + j];
        float dcv = dc.floats()[dc.offset() + s + j];
        float dct = fma(dhv * o, 1f - tc * tc, dcv);
        dg[di + j] = dct * gt * (i * (1f - i));
        dg[di + hidden + j] = dct * cp * (f * (1f - f));
        dg[di + 2 * hidden + j] = dct * i * (1f - gt * gt);
        dg[di + 3 * hidden + j] = dhv * tc * (o * (1f - o));
        dcPrev.floats()[dcPrev.offset() + s + j] = dct * f;
      }
    }
  }

  static void gruForward(Tensor gi, Tensor gh, Tensor hPrev, Tensor h, int hidden,
      int rowFrom, int rowTo) {
    float[] x = gi.floats();
    float[] r = gh.floats();
    for (int b = rowFrom; b < rowTo; b++) {
      int xi = gi.offset() + b * 3 * hidden;
      int ri = gh.offset() + b * 3 * hidden;
      int xn = xi + 2 * hidden;
      int s = b * hidden;
      // r|z: pre-activation sums in place, then one sigmoid pass over both blocks
      ElementwiseKernels.add(x, xi, r, ri, x, xi, 0, 2 * hidden);
      VectorMath.sigmoid(x, xi, x, xi, 2 * hidden);
      // n = tanh(gi_n + r * gh_n), in place
      int j = 0;
      for (int bound = S.loopBound(hidden); j < bound; j += L) {
        fma(FloatVector.fromArray(S, x, xi + j), FloatVector.fromArray(S, r, ri + 2 * hidden + j),
            FloatVector.fromArray(S, x, xn + j)).intoArray(x, xn + j);
      }
      for (; j < hidden; j++) {
        x[xn + j] = fma(x[xi + j], r[ri + 2 * hidden + j], x[xn + j]);
      }
      VectorMath.tanh(x, xn, x, xn, hidden);
      blendHidden(x, xi + hidden, xn, hPrev.floats(), hPrev.offset() + s, h.floats(),
          h.offset() + s, hidden);
    }
  }

  /** {@code h = (1 - z) * n + z * hPrev} for one row. */
  private static void blendHidden(float[] x, int zi, int ni, float[] hp, int hpo,
      float[] h, int ho, int hidden) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    int j = 0;
    for (int bound = S.loopBound(hidden); j < bound; j += L) {
      FloatVector z = FloatVector.fromArray(S, x, zi + j);
      FloatVector n = FloatVector.fromArray(S, x, ni + j);
      fma(z, FloatVector.fromArray(S, hp, hpo + j), one.sub(z).mul(n)).intoArray(h, ho + j);
    }
    for (; j < hidden; j++) {
      float z = x[zi + j];
      h[ho + j] = fma(z, hp[hpo + j], (1f - z) * x[ni + j]);
    }
  }

  static void gruBackward(Tensor rzn, Tensor gh, Tensor hPrev, Tensor dh, Tensor dgi,
      Tensor dgh, Tensor dhPrev, Tensor dghN, int hidden, int rowFrom, int rowTo) {
    float[] a = rzn.floats();
    FloatVector one = FloatVector.broadcast(S, 1f);
    // gh [B, 3H], or its n block alone [B, H]
    int ghWidth = gh.dim(gh.rank() - 1);
    int ghN = ghWidth == hidden ? 0 : 2 * hidden;
    for (int b = rowFrom; b < rowTo; b++) {
      int ai = rzn.offset() + b * 3 * hidden;
      int hi = gh.offset() + b * ghWidth + ghN;
      int xi = dgi.offset() + b * 3 * hidden;
      int yi = dgh.offset() + b * 3 * hidden;
      int s = b * hidden;
      int j = 0;
      for (int bound = S.loopBound(hidden); j < bound; j += L) {
        FloatVector r = FloatVector.fromArray(S, a, ai + j);
        FloatVector z = FloatVector.fromArray(S, a, ai + hidden + j);
        FloatVector n = FloatVector.fromArray(S, a, ai + 2 * hidden + j);
        FloatVector ghn = FloatVector.fromArray(S, gh.floats(), hi + j);
        FloatVector hp = FloatVector.fromArray(S, hPrev.floats(), hPrev.offset() + s + j);
        FloatVector d = FloatVector.fromArray(S, dh.floats(), dh.offset() + s + j);
        FloatVector dn = d.mul(one.sub(z)).mul(one.sub(n.mul(n)));
        FloatVector dz = d.mul(hp.sub(n)).mul(z.mul(one.sub(z)));
        FloatVector dr = dn.mul(ghn).mul(r.mul(one.sub(r)));
        dr.intoArray(dgi.floats(), xi + j);
        dz.intoArray(dgi.floats(), xi + hidden + j);
        dn.intoArray(dgi.floats(), xi + 2 * hidden + j);
        dr.intoArray(dgh.floats(), yi + j);
        dz.intoArray(dgh.floats(), yi + hidden + j);
        FloatVector dnr = dn.mul(r);
        dnr.intoArray(dgh.floats(), yi + 2 * hidden + j);
        if (dghN != null) {
          // may be gh's n block itself: ghn was loaded above
          dnr.intoArray(dghN.floats(), dghN.offset() + s + j);
        }
        d.mul(z).intoArray(dhPrev.floats(), dhPrev.offset() + s + j);
      }
      for (; j < hidden; j++) {
        float r = a[ai + j];
        float z = a[ai + hidden + j];
        float n = a[ai + 2 * hidden + j];
        float ghn = gh.floats()[hi + j];
        float hp = hPrev.floats()[hPrev.offset() + s + j];
        float d = dh.floats()[dh.offset() + s + j];
        float dn = d * (1f - z) * (1f - n * n);
        float dz = d * (hp - n) * (z * (1f - z));
        float dr = dn * ghn * (r * (1f - r));
        dgi.floats()[xi + j] = dr;
        dgi.floats()[xi + hidden + j] = dz;
        dgi.floats()[xi + 2 * hidden + j] = dn;
        dgh.floats()[yi + j] = dr;
        dgh.floats()[yi + hidden + j] = dz;
        dgh.floats()[yi + 2 * hidden + j] = dn * r;
        if (dghN != null) {
          dghN.floats()[dghN.offset() + s + j] = dn * r;
        }
        dhPrev.floats()[dhPrev.offset() + s + j] = d * z;
      }
    }
  }
}
