package dev.unroll.numeric;

import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Measures how the gradient of the newest loss reaches back through the stages: the norm of
 * {@code \partial E_{t+1}/\partial v_{t+1-j}} for a state v at each distance j, from the engine's
 * adjoint equations evaluated on given weights, and for a gated state the part that travels along
 * the state's own path only, {@code f_{t+1} \odot ... \odot f_{t+2-j} \odot \partial E_{t+1}/\partial
 * c_{t+1}} (the product of the gate that multiplies the state, since {@code \partial c_k/\partial
 * c_{k-1}} along that path is {@code diag(f_k)}). The lesson's table and its statements about
 * vanishing come from these numbers.
 */
public final class TermNorms {
  /** One measured network: the graph, its params and its adjoint form for the last loss. */
  public record Network(UnrolledGraph graph, Params params, AdjointForm form) {
    public Network {
      Objects.requireNonNull(graph, "graph");
      Objects.requireNonNull(params, "params");
      Objects.requireNonNull(form, "form");
    }
  }

  /** {@code ||\partial E_{t+1}/\partial state_{t+1-j}||} for j = 0 .. N-1, over every path. */
  public double[] full(Network n, String state) {
    Tape tape = new Backprop().run(n.graph(), n.params(), LossKind.LAST).tape();
    Map<Expr, RealMatrix> adjoints = new AdjointEvaluator().adjoints(n.form(), tape);
    Expr loss = lossOf(n.form());
    int steps = n.graph().steps();
    double[] out = new double[steps];
    for (int j = 0; j < steps; j++) {
      Expr lhs = new Expr.Partial(loss, n.graph().node(state, Time.t(1 - j)).orElseThrow().label());
      RealMatrix v = adjoints.get(lhs);
      if (v == null) {
        throw new IllegalArgumentException("The adjoint equations have no " + lhs + ".");
      }
      out[j] = v.getFrobeniusNorm();
    }
    return out;
  }

  /**
   * The norm of the share that travels along the state's own path, multiplied at each stage by the
   * gate {@code gate} only: {@code ||gate_{t+1} \odot ... \odot gate_{t+2-j} \odot \partial
   * E_{t+1}/\partial state_{t+1}||}.
   */
  public double[] alongGate(Network n, String state, String gate) {
    Tape tape = new Backprop().run(n.graph(), n.params(), LossKind.LAST).tape();
    Map<Expr, RealMatrix> adjoints = new AdjointEvaluator().adjoints(n.form(), tape);
    Expr lhs = new Expr.Partial(lossOf(n.form()), n.graph().node(state, Time.t(1)).orElseThrow().label());
    RealVector r = adjoints.get(lhs).getColumnVector(0);
    int steps = n.graph().steps();
    double[] out = new double[steps];
    for (int j = 0; j < steps; j++) {
      out[j] = r.getNorm();
      r = r.ebeMultiply(tape.value(gate, Time.t(1 - j)));
    }
    return out;
  }

  /** The mean of a gate's entries over every stage: how near 1 a forget gate sits. */
  public double mean(Network n, String gate) {
    Tape tape = new Backprop().run(n.graph(), n.params(), LossKind.LAST).tape();
    double sum = 0;
    int count = 0;
    for (int j = 0; j < n.graph().steps(); j++) {
      RealVector v = tape.value(gate, Time.t(1 - j));
      for (int i = 0; i < v.getDimension(); i++) {
        sum += v.getEntry(i);
        count++;
      }
    }
    return sum / count;
  }

  /** The same params with every entry of a bias set to {@code value}. */
  public static Params withBias(Params p, String bias, double value) {
    Params out = p;
    RealMatrix b = p.weight(bias);
    for (int i = 0; i < b.getRowDimension(); i++) {
      out = out.withEntry(bias, i, 0, value);
    }
    return out;
  }

  private static Expr lossOf(AdjointForm form) {
    List<AdjointForm.Equation> eqs = new ArrayList<>(form.equations());
    if (eqs.isEmpty() || !(eqs.get(0).lhs() instanceof Expr.Partial p)) {
      throw new IllegalArgumentException("An adjoint form with no equations measures nothing.");
    }
    return p.of();
  }
}
