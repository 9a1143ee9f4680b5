package dev.unroll.derive;

import dev.unroll.cell.Declaration;
import dev.unroll.expr.Expr;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * A small numeric reading of the engine's matrix-form expressions, for tests only (the project's own
 * evaluator lives in {@code numeric}, on its own branch): seeded random weights, a forward pass over
 * the unrolled graph's gates, and the value of an {@link Expr} under the semantics the matrix form
 * states. {@code Partial(E, v)} is looked up among the adjoints given so far.
 */
final class NumericValues {
  static final int H = 3;
  static final int D = 2;
  static final int K = 4;

  private final UnrolledGraph graph;
  private final Map<String, RealMatrix> params = new HashMap<>();
  private final Map<Integer, double[]> leaves = new HashMap<>();
  private final Map<Integer, double[]> values = new HashMap<>();
  private final Map<Expr, RealMatrix> adjoints = new HashMap<>();

  NumericValues(UnrolledGraph graph, long seed) {
    this.graph = graph;
    Random random = new Random(seed);
    for (Declaration d : graph.cell().declarations(Declaration.Kind.PARAM)) {
      int rows = size(d.shape().get(0));
      int cols = d.isMatrix() ? size(d.shape().get(1)) : 1;
      double[][] m = new double[rows][cols];
      for (double[] row : m) {
        for (int j = 0; j < cols; j++) {
          row[j] = random.nextDouble() * 2 - 1;
        }
      }
      params.put(d.name(), MatrixUtils.createRealMatrix(m));
    }
    for (Node n : graph.nodes()) {
      if (n.op() == Op.INPUT || n.op() == Op.INITIAL_STATE) {
        double[] v = new double[size(graph.cell().declaration(n.name().orElseThrow().name()).orElseThrow().shape().get(0))];
        for (int i = 0; i < v.length; i++) {
          v[i] = random.nextDouble() * 2 - 1;
        }
        leaves.put(n.id(), v);
      } else if (n.op() == Op.TARGET) {
        double[] v = new double[K];
        v[random.nextInt(K)] = 1;
        leaves.put(n.id(), v);
      }
    }
    forward(Map.of());
  }

  private static int size(String letter) {
    return switch (letter) {
      case "H" -> H;
      case "D" -> D;
      case "K" -> K;
      default -> throw new IllegalArgumentException("size " + letter);
    };
  }

  /** Recomputes every node, with some nodes' values replaced (for finite differences). */
  void forward(Map<Node, double[]> overrides) {
    values.clear();
    for (Node n : graph.nodes()) {
      double[] v = overrides.containsKey(n) ? overrides.get(n).clone() : compute(n);
      if (v != null) {
        values.put(n.id(), v);
      }
    }
  }

  double[] value(Node n) {
    return values.get(n.id()).clone();
  }

  /** The summed value of the given loss nodes. */
  double loss(List<Node> losses) {
    return losses.stream().mapToDouble(l -> values.get(l.id())[0]).sum();
  }

  private double[] compute(Node n) {
    switch (n.op()) {
      case PARAM:
        return null;
      case INPUT:
      case TARGET:
      case INITIAL_STATE:
        return leaves.get(n.id()).clone();
      case CONSTANT:
        return new double[] {n.constant()};
      case MATMUL: {
        RealMatrix m = params.get(n.input(0).name().orElseThrow().name());
        return m.operate(values.get(n.input(1).id()));
      }
      case ADD: {
        int size = n.inputs().stream().mapToInt(this::length).max().orElseThrow();
        double[] out = new double[size];
        for (Node i : n.inputs()) {
          double[] v = i.op() == Op.PARAM ? params.get(i.name().orElseThrow().name()).getColumn(0) : values.get(i.id());
          for (int k = 0; k < size; k++) {
            out[k] += v.length == 1 ? v[0] : v[k];
          }
        }
        return out;
      }
      case NEGATE: {
        double[] v = values.get(n.input(0).id()).clone();
        for (int k = 0; k < v.length; k++) {
          v[k] = -v[k];
        }
        return v;
      }
      case HADAMARD: {
        double[] a = values.get(n.input(0).id());
        double[] b = values.get(n.input(1).id());
        double[] out = new double[Math.max(a.length, b.length)];
        for (int k = 0; k < out.length; k++) {
          out[k] = (a.length == 1 ? a[0] : a[k]) * (b.length == 1 ? b[0] : b[k]);
        }
        return out;
      }
      case ACTIVATION: {
        double[] v = values.get(n.input(0).id()).clone();
        for (int k = 0; k < v.length; k++) {
          v[k] = activation(n.function(), v[k]);
        }
        return v;
      }
      case SOFTMAX:
        return softmax(values.get(n.input(0).id()));
      case CROSSENTROPY: {
        double[] p = values.get(n.input(0).id());
        double[] y = values.get(n.input(1).id());
        double e = 0;
        for (int k = 0; k < p.length; k++) {
          e -= y[k] * Math.log(p[k]);
        }
        return new double[] {e};
      }
      default:
        throw new IllegalStateException("op " + n.op());
    }
  }

  private int length(Node i) {
    return i.op() == Op.PARAM ? params.get(i.name().orElseThrow().name()).getRowDimension() : values.get(i.id()).length;
  }

  private static double activation(String f, double x) {
    return switch (f) {
      case "tanh" -> Math.tanh(x);
      case "sigmoid" -> 1 / (1 + Math.exp(-x));
      case "identity" -> x;
      default -> throw new IllegalArgumentException(f);
    };
  }

  private static double[] softmax(double[] q) {
    double max = java.util.Arrays.stream(q).max().orElseThrow();
    double[] out = new double[q.length];
    double sum = 0;
    for (int k = 0; k < q.length; k++) {
      out[k] = Math.exp(q[k] - max);
      sum += out[k];
    }
    for (int k = 0; k < q.length; k++) {
      out[k] /= sum;
    }
    return out;
  }

  // ---- expressions ---------------------------------------------------------------------------

  /** Evaluates every adjoint equation in order, so later expressions may read {@code Partial(E, v)}. */
  void solve(Adjoints engine, AdjointSystem system) {
    adjoints.clear();
    for (AdjointSystem.Adjoint a : system.adjoints()) {
      adjoints.put(engine.lhs(system, a.variable()), evaluate(engine.rhs(system, a)));
    }
  }

  RealMatrix evaluate(Expr e) {
    Value v = eval(e);
    if (v.scalar) {
      throw new IllegalArgumentException("a bare number: " + e);
    }
    return v.m;
  }

  private record Value(RealMatrix m, double s, boolean scalar) {
    static Value of(RealMatrix m) {
      return new Value(m, 0, false);
    }

    static Value num(double s) {
      return new Value(null, s, true);
    }
  }

  private Value eval(Expr e) {
    if (e instanceof Expr.Symbol s) {
      if (s.time().isEmpty()) {
        return Value.of(params.get(s.name()));
      }
      Node n = graph.node(s.name(), s.time().get()).orElseThrow(() -> new IllegalArgumentException("no node " + s));
      return Value.of(MatrixUtils.createColumnRealMatrix(values.get(n.id())));
    }
    if (e instanceof Expr.Num n) {
      return Value.num(n.value());
    }
    if (e instanceof Expr.Partial p) {
      RealMatrix m = adjoints.get(p);
      if (m == null) {
        throw new IllegalArgumentException("no adjoint yet for " + p);
      }
      return Value.of(m);
    }
    if (e instanceof Expr.Negate n) {
      Value v = eval(n.operand());
      return v.scalar ? Value.num(-v.s) : Value.of(v.m.scalarMultiply(-1));
    }
    if (e instanceof Expr.Sum s) {
      List<Value> vs = s.terms().stream().map(this::eval).toList();
      RealMatrix shape = vs.stream().filter(v -> !v.scalar).map(Value::m).findFirst().orElse(null);
      if (shape == null) {
        return Value.num(vs.stream().mapToDouble(Value::s).sum());
      }
      RealMatrix total = MatrixUtils.createRealMatrix(shape.getRowDimension(), shape.getColumnDimension());
      for (Value v : vs) {
        total = total.add(v.scalar ? total.copy().scalarMultiply(0).scalarAdd(v.s) : v.m);
      }
      return Value.of(total);
    }
    if (e instanceof Expr.Product p) {
      double c = 1;
      RealMatrix acc = null;
      for (Expr f : p.factors()) {
        Value v = eval(f);
        if (v.scalar) {
          c *= v.s;
        } else {
          acc = acc == null ? v.m : acc.multiply(v.m);
        }
      }
      return acc == null ? Value.num(c) : Value.of(acc.scalarMultiply(c));
    }
    if (e instanceof Expr.Transpose t) {
      Value v = eval(t.operand());
      return v.scalar ? v : Value.of(v.m.transpose());
    }
    if (e instanceof Expr.Diag d) {
      Value v = eval(d.operand());
      if (v.scalar) {
        return v; // diag of a broadcast number acts as that number
      }
      return Value.of(MatrixUtils.createRealDiagonalMatrix(v.m.getColumn(0)));
    }
    if (e instanceof Expr.Power p) {
      Value v = eval(p.base());
      if (v.scalar) {
        return Value.num(Math.pow(v.s, p.exponent()));
      }
      return Value.of(map(v.m, x -> Math.pow(x, p.exponent())));
    }
    if (e instanceof Expr.Hadamard h) {
      Value a = eval(h.left());
      Value b = eval(h.right());
      if (a.scalar && b.scalar) {
        return Value.num(a.s * b.s);
      }
      if (a.scalar || b.scalar) {
        return Value.of((a.scalar ? b.m : a.m).scalarMultiply(a.scalar ? a.s : b.s));
      }
      RealMatrix out = a.m.copy();
      for (int i = 0; i < out.getRowDimension(); i++) {
        for (int j = 0; j < out.getColumnDimension(); j++) {
          out.setEntry(i, j, out.getEntry(i, j) * b.m.getEntry(i, j));
        }
      }
      return Value.of(out);
    }
    if (e instanceof Expr.Apply a) {
      RealMatrix v = eval(a.arguments().get(0)).m;
      if (a.function().equals("softmax")) {
        return Value.of(MatrixUtils.createColumnRealMatrix(softmax(v.getColumn(0))));
      }
      return Value.of(map(v, x -> activation(a.function(), x)));
    }
    throw new IllegalArgumentException("cannot evaluate " + e);
  }

  private static RealMatrix map(RealMatrix m, java.util.function.DoubleUnaryOperator f) {
    RealMatrix out = m.copy();
    for (int i = 0; i < out.getRowDimension(); i++) {
      for (int j = 0; j < out.getColumnDimension(); j++) {
        out.setEntry(i, j, f.applyAsDouble(out.getEntry(i, j)));
      }
    }
    return out;
  }

  /** The largest entry-wise difference relative to the largest entry of {@code expected}. */
  static double relativeError(RealMatrix actual, RealMatrix expected) {
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < expected.getRowDimension(); i++) {
      for (int j = 0; j < expected.getColumnDimension(); j++) {
        scale = Math.max(scale, Math.abs(expected.getEntry(i, j)));
        diff = Math.max(diff, Math.abs(actual.getEntry(i, j) - expected.getEntry(i, j)));
      }
    }
    return diff / scale;
  }
}
