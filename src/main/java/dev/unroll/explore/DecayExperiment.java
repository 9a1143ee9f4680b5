package dev.unroll.explore;

import dev.unroll.cell.CellDefinition;
import dev.unroll.derive.LossKind;
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
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Measures the terms of the engine's derived sum on seeded random weights whose recurrent matrix is
 * scaled to a chosen largest singular value. The terms are the closed form's: a loss's delta, carried
 * one stage further back per term by the recurrence's column factor, times the term's end vector (as
 * {@code numeric.ClosedFormEvaluator} sums them), each factor evaluated from the engine's expression on
 * the forward pass's values. What the bound {@code (gamma sigma)^j} limits is the spectral norm of the
 * product of j column factors, and that is what is measured: the product itself, not the product
 * applied to one vector (which would only be a lower bound on it).
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

  /** The newest loss's gradient over {@code steps} stages: {@link #run(String, double, List, int, long, double, LossKind)}. */
  public Decay run(String activation, double gamma, List<Setting> settings, int steps, long seed, double threshold) {
    return run(activation, gamma, settings, steps, seed, threshold, LossKind.LAST);
  }

  /**
   * Measures the gradient of {@code loss} (the newest stage's, or the total) over {@code steps} stages,
   * once per setting of the recurrent matrix's largest singular value.
   */
  public Decay run(String activation, double gamma, List<Setting> settings, int steps, long seed, double threshold,
      LossKind loss) {
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
      runs.add(measure(s, sigma, gamma, r, loss, new ExprEvaluator(new ForwardPass().run(graph, p)), threshold));
    }
    return new Decay(activation, gamma, w, steps, seed, threshold, loss, runs);
  }

  /**
   * Every term of the gradient, built as the delta recursion builds it: the delta of the loss at stage m,
   * carried j stages back by the product of j column factors, closed by the end vector of its stage.
   * For each reach j it keeps the largest spectral norm among the products of j factors the terms carry
   * (one product for the last loss, one per loss old enough for the total) and the Frobenius norm of the
   * sum of the terms reaching j back.
   */
  private static Decay.Run measure(Setting s, double sigma, double gamma, Recurrence r, LossKind loss, ExprEvaluator ev,
      double threshold) {
    int first = r.first().offset();
    int n = first - r.last().offset() + 1;
    RealMatrix[] factor = new RealMatrix[n];
    RealMatrix[] end = new RealMatrix[n];
    for (int i = 0; i < n; i++) {
      Time stage = Time.t(first - i);
      factor[i] = i == 0 ? null : ev.evaluate(Rewrite.retime(r.columnFactor(), Recurrence.K, stage));
      end[i] = r.end().map(e -> ev.evaluate(Rewrite.retime(e, Recurrence.K, stage))).orElse(null);
    }
    double[] spectral = new double[n];
    RealMatrix[] byReach = new RealMatrix[n];
    RealMatrix sum = null;
    int losses = loss == LossKind.LAST ? 1 : n;
    for (int m = 0; m < losses; m++) {
      RealMatrix delta = ev.evaluate(Rewrite.shift(r.firstDelta(), -m));
      RealMatrix product = MatrixUtils.createRealIdentityMatrix(delta.getRowDimension());
      for (int j = 0; m + j < n; j++) {
        int i = m + j;
        if (j > 0) {
          product = factor[i].multiply(product);
        }
        spectral[j] = Math.max(spectral[j], new SingularValueDecomposition(product).getNorm());
        RealMatrix carried = product.multiply(delta);
        RealMatrix term = end[i] == null ? carried : carried.multiplyTransposed(end[i]);
        byReach[j] = byReach[j] == null ? term : byReach[j].add(term);
        sum = sum == null ? term : sum.add(term);
      }
    }
    List<Decay.TermNorm> terms = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      terms.add(new Decay.TermNorm(j, byReach[j].getFrobeniusNorm(), spectral[j], Math.pow(gamma * sigma, j),
          Math.min(losses, n - j)));
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
