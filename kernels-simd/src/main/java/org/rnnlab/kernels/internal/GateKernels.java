package org.rnnlab.kernels.internal;

import static org.rnnlab.kernels.internal.VectorConstants.FLOATS;
import static org.rnnlab.kernels.internal.VectorMath.fma;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused float32 LSTM and GRU pointwise kernels over batch rows {@code [rowFrom, rowTo)}; the
 * equations are those of {@link org.rnnlab.api.kernel.KernelOps#lstmForward} and friends. Each
 * row is a vector body over the hidden units plus a scalar tail computing the same operations
 * in the same order. All inputs of an element are read before any output is written, so an
 * output may alias an input of the same shape (for example {@code dcPrev} and {@code dc}).
 */
final class GateKernels {
  private GateKernels() {}

  private static final VectorSpecies<Float> S = FLOATS;
  private static final int L = S.length();

  /** Storage and offset of one tensor, to keep argument lists readable. */
  record Buf(float[] a, int o) {}

  static void lstmForward(Buf gates, Buf cPrev, Buf c, Buf h, int hidden, int rowFrom, int rowTo) {
    float[] g = gates.a();
    float[] cp = cPrev.a();
    float[] cc = c.a();
    float[] hh = h.a();
    int bound = S.loopBound(hidden);
    for (int b = rowFrom; b < rowTo; b++) {
      int gi = gates.o() + b * 4 * hidden;
      int gf = gi + hidden;
      int gg = gf + hidden;
      int go = gg + hidden;
      int s = b * hidden;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector i = VectorMath.sigmoid(FloatVector.fromArray(S, g, gi + j));
        FloatVector f = VectorMath.sigmoid(FloatVector.fromArray(S, g, gf + j));
        FloatVector gt = VectorMath.tanh(FloatVector.fromArray(S, g, gg + j));
        FloatVector o = VectorMath.sigmoid(FloatVector.fromArray(S, g, go + j));
        FloatVector cn = fma(f, FloatVector.fromArray(S, cp, cPrev.o() + s + j), i.mul(gt));
        i.intoArray(g, gi + j);
        f.intoArray(g, gf + j);
        gt.intoArray(g, gg + j);
        o.intoArray(g, go + j);
        cn.intoArray(cc, c.o() + s + j);
        o.mul(VectorMath.tanh(cn)).intoArray(hh, h.o() + s + j);
      }
      for (; j < hidden; j++) {
        float i = VectorMath.sigmoid(g[gi + j]);
        float f = VectorMath.sigmoid(g[gf + j]);
        float gt = VectorMath.tanh(g[gg + j]);
        float o = VectorMath.sigmoid(g[go + j]);
        float cn = fma(f, cp[cPrev.o() + s + j], i * gt);
        g[gi + j] = i;
        g[gf + j] = f;
        g[gg + j] = gt;
        g[go + j] = o;
        cc[c.o() + s + j] = cn;
        hh[h.o() + s + j] = o * VectorMath.tanh(cn);
      }
    }
  }

  static void lstmBackward(Buf gates, Buf cPrev, Buf c, Buf dh, Buf dc, Buf dGates, Buf dcPrev,
      int hidden, int rowFrom, int rowTo) {
    float[] g = gates.a();
    float[] dg = dGates.a();
    int bound = S.loopBound(hidden);
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int b = rowFrom; b < rowTo; b++) {
      int gi = gates.o() + b * 4 * hidden;
      int di = dGates.o() + b * 4 * hidden;
      int s = b * hidden;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector i = FloatVector.fromArray(S, g, gi + j);
        FloatVector f = FloatVector.fromArray(S, g, gi + hidden + j);
        FloatVector gt = FloatVector.fromArray(S, g, gi + 2 * hidden + j);
        FloatVector o = FloatVector.fromArray(S, g, gi + 3 * hidden + j);
        FloatVector cp = FloatVector.fromArray(S, cPrev.a(), cPrev.o() + s + j);
        FloatVector tc = VectorMath.tanh(FloatVector.fromArray(S, c.a(), c.o() + s + j));
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
        float tc = VectorMath.tanh(c.a()[c.o() + s + j]);
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
    int bound = S.loopBound(hidden);
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int b = rowFrom; b < rowTo; b++) {
      int xi = gi.o() + b * 3 * hidden;
      int ri = gh.o() + b * 3 * hidden;
      int s = b * hidden;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector rg = VectorMath.sigmoid(FloatVector.fromArray(S, x, xi + j)
            .add(FloatVector.fromArray(S, r, ri + j)));
        FloatVector z = VectorMath.sigmoid(FloatVector.fromArray(S, x, xi + hidden + j)
            .add(FloatVector.fromArray(S, r, ri + hidden + j)));
        FloatVector n = VectorMath.tanh(fma(rg, FloatVector.fromArray(S, r, ri + 2 * hidden + j),
            FloatVector.fromArray(S, x, xi + 2 * hidden + j)));
        FloatVector hp = FloatVector.fromArray(S, hPrev.a(), hPrev.o() + s + j);
        rg.intoArray(x, xi + j);
        z.intoArray(x, xi + hidden + j);
        n.intoArray(x, xi + 2 * hidden + j);
        fma(z, hp, one.sub(z).mul(n)).intoArray(h.a(), h.o() + s + j);
      }
      for (; j < hidden; j++) {
        float rg = VectorMath.sigmoid(x[xi + j] + r[ri + j]);
        float z = VectorMath.sigmoid(x[xi + hidden + j] + r[ri + hidden + j]);
        float n = VectorMath.tanh(fma(rg, r[ri + 2 * hidden + j], x[xi + 2 * hidden + j]));
        float hp = hPrev.a()[hPrev.o() + s + j];
        x[xi + j] = rg;
        x[xi + hidden + j] = z;
        x[xi + 2 * hidden + j] = n;
        h.a()[h.o() + s + j] = fma(z, hp, (1f - z) * n);
      }
    }
  }

  static void gruBackward(Buf rzn, Buf gh, Buf hPrev, Buf dh, Buf dgi, Buf dgh, Buf dhPrev,
      int hidden, int rowFrom, int rowTo) {
    float[] a = rzn.a();
    int bound = S.loopBound(hidden);
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int b = rowFrom; b < rowTo; b++) {
      int ai = rzn.o() + b * 3 * hidden;
      int hi = gh.o() + b * 3 * hidden;
      int xi = dgi.o() + b * 3 * hidden;
      int yi = dgh.o() + b * 3 * hidden;
      int s = b * hidden;
      int j = 0;
      for (; j < bound; j += L) {
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
