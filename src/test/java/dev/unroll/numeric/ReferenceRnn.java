package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.linear.RealMatrix;

/**
 * An independent reference for the contract tests: the simple recurrent network
 * {@code z = U x + W s_{t-1} (+ b), s = f(z), q = V s, E = -ln softmax(q)_y}, written out by hand
 * here (not from the engine's graph), in 60-digit {@link Dfp} numbers, differentiated by central
 * differences with a step of 1e-20: truncation about 1e-40, rounding about 1e-40, so the reference is
 * exact to far below double precision. Shares with the engine only Hipparchus and the params.
 */
final class ReferenceRnn {
  private static final DfpField DIGITS = new DfpField(60);
  private static final Dfp STEP = DIGITS.newDfp("1e-20");

  private final UnaryOperator<Dfp> f;
  private final boolean bias;

  /** @param f the activation on Dfp numbers, written by hand for the test */
  ReferenceRnn(UnaryOperator<Dfp> f, boolean bias) {
    this.f = f;
    this.bias = bias;
  }

  static Dfp number(double x) {
    return DIGITS.newDfp(x);
  }

  static Dfp one() {
    return DIGITS.getOne();
  }

  /** dE/dP for every entry of every parameter, shaped like it. */
  Map<String, double[][]> gradient(Params p, LossKind loss) {
    Map<String, Dfp[][]> w = new LinkedHashMap<>();
    p.weights().forEach((name, m) -> w.put(name, dfp(m)));
    Map<String, double[][]> out = new LinkedHashMap<>();
    w.forEach((name, m) -> {
      double[][] g = new double[m.length][m[0].length];
      for (int i = 0; i < m.length; i++) {
        for (int j = 0; j < m[0].length; j++) {
          Dfp keep = m[i][j];
          m[i][j] = keep.add(STEP);
          Dfp up = loss(w, p, loss);
          m[i][j] = keep.subtract(STEP);
          Dfp down = loss(w, p, loss);
          m[i][j] = keep;
          g[i][j] = up.subtract(down).divide(STEP.multiply(2)).toDouble();
        }
      }
      out.put(name, g);
    });
    return out;
  }

  /** The loss, in 60 digits. */
  Dfp loss(Map<String, Dfp[][]> w, Params p, LossKind kind) {
    Dfp[] s = column(p.initial().get("s").toArray());
    List<org.hipparchus.linear.RealVector> xs = p.inputs().get("x");
    List<Integer> ys = p.targets().get("y");
    Dfp total = DIGITS.getZero();
    Dfp last = DIGITS.getZero();
    for (int t = 0; t < p.steps(); t++) {
      Dfp[] z = add(times(w.get("U"), column(xs.get(t).toArray())), times(w.get("W"), s));
      if (bias) {
        Dfp[] b = new Dfp[z.length];
        for (int i = 0; i < b.length; i++) {
          b[i] = w.get("b")[i][0];
        }
        z = add(z, b);
      }
      for (int i = 0; i < z.length; i++) {
        z[i] = f.apply(z[i]);
      }
      s = z;
      Dfp[] q = times(w.get("V"), s);
      Dfp max = q[0];
      for (Dfp x : q) {
        max = x.greaterThan(max) ? x : max;
      }
      Dfp sum = DIGITS.getZero();
      for (Dfp x : q) {
        sum = sum.add(x.subtract(max).exp());
      }
      last = max.add(sum.log()).subtract(q[ys.get(t)]);
      total = total.add(last);
    }
    return kind == LossKind.LAST ? last : total;
  }

  private static Dfp[][] dfp(RealMatrix m) {
    Dfp[][] out = new Dfp[m.getRowDimension()][m.getColumnDimension()];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < out[0].length; j++) {
        out[i][j] = DIGITS.newDfp(m.getEntry(i, j));
      }
    }
    return out;
  }

  private static Dfp[] column(double[] v) {
    Dfp[] out = new Dfp[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = DIGITS.newDfp(v[i]);
    }
    return out;
  }

  private static Dfp[] times(Dfp[][] m, Dfp[] v) {
    Dfp[] out = new Dfp[m.length];
    for (int i = 0; i < m.length; i++) {
      Dfp sum = DIGITS.getZero();
      for (int j = 0; j < v.length; j++) {
        sum = sum.add(m[i][j].multiply(v[j]));
      }
      out[i] = sum;
    }
    return out;
  }

  private static Dfp[] add(Dfp[] a, Dfp[] b) {
    Dfp[] out = new Dfp[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].add(b[i]);
    }
    return out;
  }
}
