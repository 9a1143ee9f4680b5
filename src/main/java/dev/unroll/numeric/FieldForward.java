package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.List;
import java.util.Map;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
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

  FieldForward(Field<T> field) {
    this.field = field;
  }

  /** The loss, with every parameter entry given by {@code weights} (name to rows of T). */
  T loss(Layout layout, Map<String, T[][]> weights, LossKind kind) {
    UnrolledGraph graph = layout.graph();
    List<T[]> values = new java.util.ArrayList<>(java.util.Collections.nCopies(graph.nodes().size(), null));
    for (Node n : graph.nodes()) {
      values.set(n.id(), evaluate(n, values, layout, weights));
    }
    if (kind == LossKind.LAST) {
      return values.get(graph.lastLoss().id())[0];
    }
    T sum = field.getZero();
    for (int i = graph.losses().size() - 1; i >= 0; i--) {
      sum = sum.add(values.get(graph.losses().get(i).id())[0]);
    }
    return sum;
  }

  private T[] evaluate(Node n, List<T[]> v, Layout layout, Map<String, T[][]> weights) {
    Op op = n.op();
    if (op == Op.PARAM) {
      T[][] m = weights.get(Layout.name(n));
      if (m[0].length != 1) {
        return null;
      }
      T[] column = array(m.length);
      for (int i = 0; i < m.length; i++) {
        column[i] = m[i][0];
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
        T[][] m = weights.get(Layout.name(n.input(0)));
        T[] x = v.get(n.input(1).id());
        T[] out = array(m.length);
        for (int i = 0; i < m.length; i++) {
          T acc = field.getZero();
          for (int j = 0; j < x.length; j++) {
            acc = acc.add(m[i][j].multiply(x[j]));
          }
          out[i] = acc;
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
        Nonlinearity f = Nonlinearity.named(n.function());
        T[] out = array(a.length);
        for (int i = 0; i < a.length; i++) {
          out[i] = f.value(a[i]);
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

  private T[] array(int n) {
    return org.hipparchus.util.MathArrays.buildArray(field, n);
  }
}
