package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.List;
import java.util.Map;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The forward pass of {@link ForwardPass} over any Hipparchus field, written with plain field
 * arithmetic so that running it on {@code Gradient} numbers is forward-mode automatic
 * differentiation. Shares nothing with the backward pass but the graph and {@link Layout}: the same
 * function, computed by independent code.
 *
 * @param <T> the number type, such as {@code Gradient}
 */
final class FieldForward<T extends CalculusFieldElement<T>> {
  private final Field<T> field;
  private final Linear<T> linear;

  /** How a constant matrix multiplies a vector of field numbers. */
  interface Linear<T> {
    T[] times(RealMatrix m, T[] x);
  }

  /** With the field's own arithmetic, one linear combination per row. */
  FieldForward(Field<T> field) {
    this(field, (m, x) -> {
      T[] out = org.hipparchus.util.MathArrays.buildArray(field, m.getRowDimension());
      for (int i = 0; i < out.length; i++) {
        out[i] = x[0].linearCombination(m.getRow(i), x);
      }
      return out;
    });
  }

  /** With a faster product for a particular field, such as {@link AutoDiff}'s for gradients. */
  FieldForward(Field<T> field, Linear<T> linear) {
    this.field = field;
    this.linear = linear;
  }

  /**
   * The loss. Parameter entries are the doubles of {@code values} plus, for the entries listed in
   * {@code seeds}, a field number of value 0 that carries the entry's derivative (for forward-mode
   * differentiation, the unit gradient of a free variable).
   */
  T loss(Layout layout, Map<String, RealMatrix> values, Map<String, Map<EntrySample.Entry, T>> seeds, LossKind kind) {
    Weights<T> weights = new Weights<>(values, seeds);
    UnrolledGraph graph = layout.graph();
    List<T[]> nodes = new java.util.ArrayList<>(java.util.Collections.nCopies(graph.nodes().size(), null));
    for (Node n : graph.nodes()) {
      nodes.set(n.id(), evaluate(n, nodes, layout, weights));
    }
    if (kind == LossKind.LAST) {
      return nodes.get(graph.lastLoss().id())[0];
    }
    T sum = field.getZero();
    for (int i = graph.losses().size() - 1; i >= 0; i--) {
      sum = sum.add(nodes.get(graph.losses().get(i).id())[0]);
    }
    return sum;
  }

  /** The parameters: doubles, and the seeded entries' derivative parts. */
  private record Weights<T>(Map<String, RealMatrix> values, Map<String, Map<EntrySample.Entry, T>> seeds) {
    Map<EntrySample.Entry, T> seeds(String name) {
      return seeds.getOrDefault(name, Map.of());
    }
  }

  private T[] evaluate(Node n, List<T[]> v, Layout layout, Weights<T> weights) {
    Op op = n.op();
    if (op == Op.PARAM) {
      String name = Layout.name(n);
      RealMatrix m = weights.values().get(name);
      if (m.getColumnDimension() != 1) {
        return null;
      }
      T[] column = array(m.getRowDimension());
      for (int i = 0; i < column.length; i++) {
        T seed = weights.seeds(name).get(new EntrySample.Entry(i, 0));
        column[i] = seed == null ? field.getZero().add(m.getEntry(i, 0)) : seed.add(m.getEntry(i, 0));
      }
      return column;
    }
    if (op.isLeaf()) {
      RealVector leaf = layout.leaf(n);
      T[] out = array(leaf.getDimension());
      for (int i = 0; i < out.length; i++) {
        out[i] = field.getZero().add(leaf.getEntry(i));
      }
      return out;
    }
    T[] a = v.get(n.input(0).id());
    switch (op) {
      case MATMUL: {
        String name = Layout.name(n.input(0));
        T[] x = v.get(n.input(1).id());
        // (M + dM) x = M x + dM x: the constant part as one product, then each seeded entry's own
        // part, d(M_ij x_j) = dM_ij x_j (first order, so x_j's value).
        T[] out = linear.times(weights.values().get(name), x);
        for (Map.Entry<EntrySample.Entry, T> s : weights.seeds(name).entrySet()) {
          int i = s.getKey().row();
          out[i] = out[i].add(s.getValue().multiply(x[s.getKey().col()].getReal()));
        }
        return out;
      }
      case ADD: {
        T[] out = a.clone();
        for (int k = 1; k < n.inputs().size(); k++) {
          T[] b = v.get(n.input(k).id());
          for (int i = 0; i < out.length; i++) {
            out[i] = out[i].add(b[i]);
          }
        }
        return out;
      }
      case NEGATE: {
        T[] out = array(a.length);
        for (int i = 0; i < a.length; i++) {
          out[i] = a[i].negate();
        }
        return out;
      }
      case HADAMARD: {
        T[] b = v.get(n.input(1).id());
        T[] out = array(a.length);
        for (int i = 0; i < a.length; i++) {
          out[i] = a[i].multiply(b[i]);
        }
        return out;
      }
      case ACTIVATION: {
        Nonlinearity f = layout.activation(n);
        T[] out = array(a.length);
        for (int i = 0; i < a.length; i++) {
          out[i] = f.value(a[i]);
          if (!finite(out[i]) && Double.isFinite(out[i].getReal())) {
            // The field's arithmetic overflowed inside a finite function (the sigmoid's 1/(1+Exp(800))):
            // first order, f(a) = f(a0) + f'(a0) (a - a0).
            double a0 = a[i].getReal();
            out[i] = a[i].subtract(a0).multiply(f.derivative(a0)).add(f.value(a0));
          }
        }
        return out;
      }
      case SOFTMAX: {
        double max = Double.NEGATIVE_INFINITY;
        for (T x : a) {
          max = Math.max(max, x.getReal());
        }
        T[] out = array(a.length);
        T total = field.getZero();
        for (int i = 0; i < a.length; i++) {
          out[i] = a[i].subtract(max).exp();
          total = total.add(out[i]);
        }
        for (int i = 0; i < a.length; i++) {
          out[i] = out[i].divide(total);
        }
        return out;
      }
      case CROSSENTROPY: {
        T[] y = v.get(n.input(1).id());
        T e = field.getZero();
        boolean givenTarget = n.input(1).op() == Op.TARGET;
        if (SoftmaxCrossEntropy.fused(n)) {
          // ln softmax(q)_i = (q_i - m) - ln sum_j exp(q_j - m), from the logits: no ln of an underflowed o_i.
          T[] q = v.get(n.input(0).input(0).id());
          double max = Double.NEGATIVE_INFINITY;
          for (T x : q) {
            max = Math.max(max, x.getReal());
          }
          T total = field.getZero();
          for (T x : q) {
            total = total.add(x.subtract(max).exp());
          }
          T lse = total.log();
          for (int i = 0; i < q.length; i++) {
            if (!givenTarget || y[i].getReal() != 0) {
              e = e.subtract(y[i].multiply(q[i].subtract(max).subtract(lse)));
            }
          }
          T[] out = array(1);
          out[0] = e;
          return out;
        }
        for (int i = 0; i < a.length; i++) {
          // A given one-hot target contributes only at its class (and 0 * ln 0 must not become NaN).
          if (!givenTarget || y[i].getReal() != 0) {
            e = e.subtract(y[i].multiply(a[i].log()));
          }
        }
        T[] out = array(1);
        out[0] = e;
        return out;
      }
      default:
        throw new IllegalStateException("Unknown gate " + op);
    }
  }

  /** True if the value and every derivative part are finite. */
  private boolean finite(T x) {
    if (!Double.isFinite(x.getReal())) {
      return false;
    }
    if (x instanceof org.hipparchus.analysis.differentiation.Gradient g) {
      for (double d : g.getGradient()) {
        if (!Double.isFinite(d)) {
          return false;
        }
      }
    }
    return true;
  }

  private T[] array(int n) {
    return org.hipparchus.util.MathArrays.buildArray(field, n);
  }
}
