package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Backpropagation through time: reverse-mode differentiation over the gates of the unrolled graph.
 * Each gate, visited newest first, hands its inputs the incoming gradient times its local Jacobian
 * (transposed, so gradients stay columns): a multiplication {@code M v} sends {@code M^T g} to v and
 * {@code g v^T} to M; an addition copies g; an activation multiplies by f' (of the cell's own
 * definition, {@link Nonlinearity}); softmax by {@code diag(o) - o o^T}; cross-entropy of a softmax
 * sends {@code o - y} straight to the logits ({@link SoftmaxCrossEntropy}), never {@code -y / o}.
 * Gradients arriving at one node from several gates are summed.
 *
 * <p>A parameter's gradient {@code sum_k g_k v_k^T} is formed at the end as one matrix product
 * {@code [g_1 ... g_n] [v_1 ... v_n]^T} rather than n outer products.
 */
public final class Backprop {
  /** The loss, the gradient of every parameter (shaped like it: entry [i][j] is dE/dP_ij) and the forward values. */
  public record Result(double loss, Map<String, RealMatrix> gradients, Tape tape) {
    public Result {
      gradients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
    }
  }

  public Result run(UnrolledGraph graph, Params params, LossKind loss) {
    Tape tape = new ForwardPass().run(graph, params);
    List<Node> seeds = loss == LossKind.LAST ? List.of(graph.lastLoss()) : graph.losses();
    return new Result(tape.loss(loss), gradients(tape, seeds, null), tape);
  }

  /**
   * The gradients of the sum of {@code seeds} with respect to every parameter. If {@code perGate} is
   * given, it also receives each multiplication or addition gate's own contribution to its
   * parameter's gradient, keyed by the gate (what a term-by-term diagnosis compares against).
   */
  Map<String, RealMatrix> gradients(Tape tape, List<Node> seeds, Map<Node, RealMatrix> perGate) {
    UnrolledGraph graph = tape.graph();
    RealVector[] adj = new RealVector[graph.nodes().size()];
    for (Node s : seeds) {
      adj[s.id()] = new ArrayRealVector(new double[] {1});
    }
    Map<Node, List<RealVector[]>> outer = new LinkedHashMap<>();
    for (int i = graph.nodes().size() - 1; i >= 0; i--) {
      Node n = graph.nodes().get(i);
      RealVector g = adj[n.id()];
      if (g == null || n.op().isLeaf()) {
        continue;
      }
      switch (n.op()) {
        case CROSSENTROPY: {
          RealVector o = tape.value(n.input(0));
          RealVector y = tape.value(n.input(1));
          double scale = g.getEntry(0);
          if (SoftmaxCrossEntropy.fused(n)) {
            // The pair's Jacobian to the logits, o - y: the softmax gate itself is passed over.
            RealVector q = tape.value(n.input(0).input(0));
            accumulate(adj, n.input(0).input(0), SoftmaxCrossEntropy.gradient(o, y).mapMultiply(scale));
            accumulate(adj, n.input(1), SoftmaxCrossEntropy.logProbabilities(q).mapMultiply(-scale));
            break;
          }
          // dE/do_i = -y_i / o_i; dE/dy_i = -ln o_i (zero unless the target is itself computed).
          double[] dO = new double[o.getDimension()];
          for (int k = 0; k < dO.length; k++) {
            dO[k] = y.getEntry(k) == 0 ? 0 : -scale * y.getEntry(k) / o.getEntry(k);
          }
          accumulate(adj, n.input(0), new ArrayRealVector(dO, false));
          accumulate(adj, n.input(1), o.map(Math::log).mapMultiply(-scale));
          break;
        }
        case SOFTMAX: {
          RealVector o = tape.value(n);
          // (diag(o) - o o^T) g = o (.) (g - (o . g))
          accumulate(adj, n.input(0), o.ebeMultiply(g.mapSubtract(o.dotProduct(g))));
          break;
        }
        case ACTIVATION: {
          Nonlinearity f = tape.layout().activation(n);
          RealVector z = tape.value(n.input(0));
          double[] d = new double[z.getDimension()];
          for (int k = 0; k < d.length; k++) {
            d[k] = f.derivative(z.getEntry(k));
          }
          accumulate(adj, n.input(0), g.ebeMultiply(new ArrayRealVector(d, false)));
          break;
        }
        case MATMUL: {
          Node matrix = n.input(0);
          RealMatrix m = tape.weight(Layout.name(matrix));
          accumulate(adj, n.input(1), m.preMultiply(g));
          outer.computeIfAbsent(matrix, k -> new ArrayList<>()).add(new RealVector[] {g, tape.value(n.input(1))});
          if (perGate != null) {
            perGate.put(n, g.outerProduct(tape.value(n.input(1))));
          }
          break;
        }
        case ADD:
          for (Node in : n.inputs()) {
            accumulate(adj, in, g);
            if (perGate != null && in.op() == Op.PARAM) {
              perGate.put(n, MatrixUtils.createColumnRealMatrix(g.toArray()));
            }
          }
          break;
        case NEGATE:
          accumulate(adj, n.input(0), g.mapMultiply(-1));
          break;
        case HADAMARD:
          for (int k = 0; k < 2; k++) {
            RealVector toward = g.ebeMultiply(tape.value(n.input(1 - k)));
            accumulate(adj, n.input(k), toward);
            if (perGate != null && n.input(k).op() == Op.PARAM) {
              perGate.put(n, MatrixUtils.createColumnRealMatrix(toward.toArray()));
            }
          }
          break;
        default:
          throw new IllegalStateException("Unknown gate " + n.op());
      }
    }
    Map<String, RealMatrix> out = new LinkedHashMap<>();
    for (Node p : graph.params().values().stream().sorted(java.util.Comparator.comparingInt(Node::id)).toList()) {
      RealMatrix w = tape.weight(Layout.name(p));
      RealMatrix grad = MatrixUtils.createRealMatrix(w.getRowDimension(), w.getColumnDimension());
      List<RealVector[]> pairs = outer.get(p);
      if (pairs != null) {
        grad = grad.add(columns(pairs, 0).multiplyTransposed(columns(pairs, 1)));
      }
      if (adj[p.id()] != null) {
        // A bias (or a vector parameter in an elementwise product) collects its gradient directly.
        grad = grad.add(MatrixUtils.createColumnRealMatrix(adj[p.id()].toArray()));
      }
      out.put(Layout.name(p), grad);
    }
    return out;
  }

  /** The i-th vector of every pair, as the columns of one matrix. */
  private static RealMatrix columns(List<RealVector[]> pairs, int i) {
    int rows = pairs.get(0)[i].getDimension();
    double[][] data = new double[rows][pairs.size()];
    for (int c = 0; c < pairs.size(); c++) {
      RealVector v = pairs.get(c)[i];
      for (int r = 0; r < rows; r++) {
        data[r][c] = v.getEntry(r);
      }
    }
    return MatrixUtils.createRealMatrix(data);
  }

  private static void accumulate(RealVector[] adj, Node n, RealVector g) {
    adj[n.id()] = adj[n.id()] == null ? g : adj[n.id()].add(g);
  }
}
