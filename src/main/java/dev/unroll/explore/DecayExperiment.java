package dev.unroll.explore;

import dev.unroll.cell.CellDefinition;
import dev.unroll.derive.Recurrence;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import dev.unroll.numeric.ExprEvaluator;
import dev.unroll.numeric.ForwardPass;
import dev.unroll.numeric.Params;
import dev.unroll.numeric.ParamsGenerator;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Measures the terms of the engine's derived sum on seeded random weights whose recurrent matrix is
 * scaled to a chosen largest singular value. The terms are the closed form's: the newest delta,
 * carried one stage further back per term by the recurrence's column factor, times the term's end
 * vector (as {@code numeric.ClosedFormEvaluator} sums them), each factor evaluated from the engine's
 * expression on the forward pass's values.
 */
public final class DecayExperiment {
  private final CellDefinition cell;
  private final Recurrence recurrence;
  private final Map<String, Integer> sizes;

  /** @param recurrence the recurrence of the newest loss's terms (its stages are replaced by the measured ones) */
  public DecayExperiment(CellDefinition cell, Recurrence recurrence, Map<String, Integer> sizes) {
    this.cell = Objects.requireNonNull(cell, "cell");
    this.recurrence = Objects.requireNonNull(recurrence, "recurrence");
    this.sizes = Map.copyOf(sizes);
  }

  /** The matrix the column factor multiplies by: the recurrent weight, {@code W} for the RNN. */
  public String matrix() {
    TreeSet<String> names = new TreeSet<>();
    collect(recurrence.columnFactor(), names);
    if (names.size() != 1) {
      throw new IllegalArgumentException("The recurrence's factor holds " + names.size()
          + " weight matrices " + names + "; the decay is measured for a cell with one recurrent matrix.");
    }
    return names.first();
  }

  public Decay run(String activation, double gamma, List<Setting> settings, int steps, long seed, double threshold) {
    if (steps < 1) {
      throw new IllegalArgumentException("The decay needs at least one stage, got " + steps + ".");
    }
    String w = matrix();
    Recurrence r = recurrence.over(steps);
    UnrolledGraph graph = new Unroller().unroll(cell, steps);
    Params base = new ParamsGenerator(cell).generate(seed, sizes, steps, activation);
    double current = new SingularValueDecomposition(base.weights().get(w)).getNorm();
    List<Decay.Run> runs = new ArrayList<>();
    for (Setting s : settings) {
      double sigma = s.sigma(gamma);
      Map<String, RealMatrix> weights = new LinkedHashMap<>(base.weights());
      weights.put(w, base.weights().get(w).scalarMultiply(sigma / current));
      Params p = new Params(base.activation(), base.sizes(), base.steps(), weights, base.initial(), base.inputs(),
          base.targets());
      runs.add(measure(s, sigma, gamma, r, new ExprEvaluator(new ForwardPass().run(graph, p)), threshold));
    }
    return new Decay(activation, gamma, w, steps, seed, threshold, runs);
  }

  private static Decay.Run measure(Setting s, double sigma, double gamma, Recurrence r, ExprEvaluator ev,
      double threshold) {
    int first = r.first().offset();
    RealMatrix delta = ev.evaluate(r.firstDelta());
    double deltaNorm = delta.getFrobeniusNorm();
    RealMatrix carried = delta;
    RealMatrix sum = null;
    List<Decay.TermNorm> terms = new ArrayList<>();
    for (int o = first; o >= r.last().offset(); o--) {
      Time stage = Time.t(o);
      if (o < first) {
        carried = ev.evaluate(Rewrite.retime(r.columnFactor(), Recurrence.K, stage)).multiply(carried);
      }
      RealMatrix end = r.end().map(e -> ev.evaluate(Rewrite.retime(e, Recurrence.K, stage))).orElse(null);
      RealMatrix term = end == null ? carried : carried.multiplyTransposed(end);
      double endNorm = end == null ? 1 : end.getFrobeniusNorm();
      double norm = term.getFrobeniusNorm();
      double scale = deltaNorm * endNorm;
      int reach = first - o;
      terms.add(new Decay.TermNorm(reach, norm, scale == 0 ? 0 : norm / scale, Math.pow(gamma * sigma, reach)));
      sum = sum == null ? term : sum.add(term);
    }
    double total = sum.getFrobeniusNorm();
    return new Decay.Run(s, sigma, gamma * sigma, terms, total, Math.min(total, threshold));
  }

  private static void collect(Expr e, TreeSet<String> names) {
    if (e instanceof Expr.Symbol s) {
      if (s.time().isEmpty()) {
        names.add(s.name());
      }
      return;
    }
    for (Expr child : children(e)) {
      collect(child, names);
    }
  }

  private static List<Expr> children(Expr e) {
    if (e instanceof Expr.Product p) {
      return p.factors();
    }
    if (e instanceof Expr.Sum s) {
      return s.terms();
    }
    if (e instanceof Expr.Negate n) {
      return List.of(n.operand());
    }
    if (e instanceof Expr.Power p) {
      return List.of(p.base());
    }
    if (e instanceof Expr.Transpose t) {
      return List.of(t.operand());
    }
    if (e instanceof Expr.Diag d) {
      return List.of(d.operand());
    }
    if (e instanceof Expr.Hadamard h) {
      return List.of(h.left(), h.right());
    }
    if (e instanceof Expr.Apply a) {
      return a.arguments();
    }
    return List.of();
  }
}
