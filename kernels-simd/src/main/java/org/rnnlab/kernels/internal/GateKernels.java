package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorMath.fma;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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

  /** Storage and offset of one tensor, to keep argument lists readable. */
  record Buf(float[] a, int o) {}

  static void lstmForward(Buf gates, Buf cPrev, Buf c, Buf h, int hidden, int rowFrom, int rowTo) {
    float[] g = gates.a();
    for (int b = rowFrom; b < rowTo; b++) {
      int gi = gates.o() + b * 4 * hidden;
      int gg = gi + 2 * hidden;
      int go = gi + 3 * hidden;
      int s = b * hidden;
      // i and f are adjacent: one sigmoid pass; then g (tanh) and o (sigmoid)
      VectorMath.sigmoid(g, gi, g, gi, 2 * hidden);
      VectorMath.tanh(g, gg, g, gg, hidden);
      VectorMath.sigmoid(g, go, g, go, hidden);
      cellUpdate(g, gi, hidden, cPrev.a(), cPrev.o() + s, c.a(), c.o() + s);
      // h = o * tanh(c)
      VectorMath.tanh(c.a(), c.o() + s, h.a(), h.o() + s, hidden);
      ElementwiseKernels.mul(g, go, h.a(), h.o() + s, h.a(), h.o() + s, 0, hidden);
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

  static void lstmBackward(Buf gates, Buf cPrev, Buf c, Buf dh, Buf dc, Buf dGates, Buf dcPrev,
      int hidden, int rowFrom, int rowTo) {
    float[] g = gates.a();
    float[] dg = dGates.a();
    float[] tcRow = new float[hidden];
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int b = rowFrom; b < rowTo; b++) {
      int gi = gates.o() + b * 4 * hidden;
      int di = dGates.o() + b * 4 * hidden;
      int s = b * hidden;
      VectorMath.tanh(c.a(), c.o() + s, tcRow, 0, hidden);
      int j = 0;
      for (int bound = S.loopBound(hidden); j < bound; j += L) {
        FloatVector i = FloatVector.fromArray(S, g, gi + j);
        FloatVector f = FloatVector.fromArray(S, g, gi + hidden + j);
        FloatVector gt = FloatVector.fromArray(S, g, gi + 2 * hidden + j);
        FloatVector o = FloatVector.fromArray(S, g, gi + 3 * hidden + j);
        FloatVector cp = FloatVector.fromArray(S, cPrev.a(), cPrev.o() + s + j);
        FloatVector tc = FloatVector.fromArray(S, tcRow, j);
        FloatVector dhv = FloatVector.fromArray(S, dh.a(), dh.o() + s + j);
        FloatVector dcv = FloatVector.fromArray(S, dc.a(), dc.o() + s + j);
        FloatVector dct = fma(dhv.mul(o), one.sub(tc.mul(tc)), dcv);
        dct.mul(gt).mul(i.mul(one.sub(i))).intoArray(dg, di + j);
        dct.mul(cp).mul(f.mul(one.sub(f))).intoArray(dg, di + hidden + j);
        dct.mul(i).mul(one.sub(gt.mul(gt))).intoArray(dg, di + 2 * hidden + j);
        dhv.mul(tc).mul(o.mul(one.sub(o))).intoArray(dg, di + 3 * hidden + j);
        dct.mul(f).intoArray(dcPrev.a(), dcPrev.o() + s + j);
      }
      for (; j < hidden; j++) {
        float i = g[gi + j];
        float f = g[gi + hidden + j];
        float gt = g[gi + 2 * hidden + j];
        float o = g[gi + 3 * hidden + j];
        float cp = cPrev.a()[cPrev.o() + s + j];
        float tc = tcRow[j];
        float dhv = dh.a()[dh.o() + s + j];
        float dcv = dc.a()[dc.o() + s + j];
        float dct = fma(dhv * o, 1f - tc * tc, dcv);
        dg[di + j] = dct * gt * (i * (1f - i));
        dg[di + hidden + j] = dct * cp * (f * (1f - f));
        dg[di + 2 * hidden + j] = dct * i * (1f - gt * gt);
        dg[di + 3 * hidden + j] = dhv * tc * (o * (1f - o));
        dcPrev.a()[dcPrev.o() + s + j] = dct * f;
      }
    }
  }

  static void gruForward(Buf gi, Buf gh, Buf hPrev, Buf h, int hidden, int rowFrom, int rowTo) {
    float[] x = gi.a();
    float[] r = gh.a();
    for (int b = rowFrom; b < rowTo; b++) {
      int xi = gi.o() + b * 3 * hidden;
      int ri = gh.o() + b * 3 * hidden;
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
      blendHidden(x, xi + hidden, xn, hPrev.a(), hPrev.o() + s, h.a(), h.o() + s, hidden);
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

  static void gruBackward(Buf rzn, Buf gh, Buf hPrev, Buf dh, Buf dgi, Buf dgh, Buf dhPrev,
      int hidden, int rowFrom, int rowTo) {
    float[] a = rzn.a();
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int b = rowFrom; b < rowTo; b++) {
      int ai = rzn.o() + b * 3 * hidden;
      int hi = gh.o() + b * 3 * hidden;
      int xi = dgi.o() + b * 3 * hidden;
      int yi = dgh.o() + b * 3 * hidden;
      int s = b * hidden;
      int j = 0;
      for (int bound = S.loopBound(hidden); j < bound; j += L) {
        FloatVector r = FloatVector.fromArray(S, a, ai + j);
        FloatVector z = FloatVector.fromArray(S, a, ai + hidden + j);
        FloatVector n = FloatVector.fromArray(S, a, ai + 2 * hidden + j);
        FloatVector ghn = FloatVector.fromArray(S, gh.a(), hi + 2 * hidden + j);
        FloatVector hp = FloatVector.fromArray(S, hPrev.a(), hPrev.o() + s + j);
        FloatVector d = FloatVector.fromArray(S, dh.a(), dh.o() + s + j);
        FloatVector dn = d.mul(one.sub(z)).mul(one.sub(n.mul(n)));
        FloatVector dz = d.mul(hp.sub(n)).mul(z.mul(one.sub(z)));
        FloatVector dr = dn.mul(ghn).mul(r.mul(one.sub(r)));
        dr.intoArray(dgi.a(), xi + j);
        dz.intoArray(dgi.a(), xi + hidden + j);
        dn.intoArray(dgi.a(), xi + 2 * hidden + j);
        dr.intoArray(dgh.a(), yi + j);
        dz.intoArray(dgh.a(), yi + hidden + j);
        dn.mul(r).intoArray(dgh.a(), yi + 2 * hidden + j);
        d.mul(z).intoArray(dhPrev.a(), dhPrev.o() + s + j);
      }
      for (; j < hidden; j++) {
        float r = a[ai + j];
        float z = a[ai + hidden + j];
        float n = a[ai + 2 * hidden + j];
        float ghn = gh.a()[hi + 2 * hidden + j];
        float hp = hPrev.a()[hPrev.o() + s + j];
        float d = dh.a()[dh.o() + s + j];
        float dn = d * (1f - z) * (1f - n * n);
        float dz = d * (hp - n) * (z * (1f - z));
        float dr = dn * ghn * (r * (1f - r));
        dgi.a()[xi + j] = dr;
        dgi.a()[xi + hidden + j] = dz;
        dgi.a()[xi + 2 * hidden + j] = dn;
        dgh.a()[yi + j] = dr;
        dgh.a()[yi + hidden + j] = dz;
        dgh.a()[yi + 2 * hidden + j] = dn * r;
        dhPrev.a()[dhPrev.o() + s + j] = d * z;
      }
    }
  }
}
