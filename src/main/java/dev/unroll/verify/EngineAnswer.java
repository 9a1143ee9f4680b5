package dev.unroll.verify;

import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.StatePaths;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The right answer to a claim that failed: the engine's adjoint equation, gradient or one-step
 * Jacobian for what the claim is about, moved to the author's times, and written in the values the
 * author names (adjoints the written side never mentions are substituted away).
 */
final class EngineAnswer {
  private EngineAnswer() {}

  /** The engine's equation for the claim at one reading, in the author's times and values. */
  static Expr to(AdjointClaims.Claim c, StageFrame frame, NumericWorld world, Map<String, Time> values) {
    Adjoints adjoints = world.adjoints();
    if (c.kind() == AdjointClaims.Kind.GRADIENT) {
      AdjointSystem s = world.system();
      Expr series = frame.author(adjoints.gradientSeries(s, c.target().name()).orElseGet(() -> adjoints.gradient(s, c.target().name())));
      return GradientSeries.overEveryStage(series, c.rhs());
    }
    Time engineStage = ((Expr.Symbol) frame.engine(c.target(), values, world.graph().first(), world.graph().last()))
        .time().orElseThrow();
    Time written = c.target().time().orElseThrow();
    boolean freeTime = values.containsKey(written.variable());
    if (c.kind() == AdjointClaims.Kind.STEP) {
      Expr column = world.paths().step(world.graph(), c.target().name(), engineStage, StatePaths.Family.ALL_ROUTES);
      Expr shown = c.transposed() ? column : transposed(column);
      return freeTime ? Rewrite.retime(shown, engineStage, written) : frame.author(shown);
    }
    AdjointSystem s = inAuthorsValues(world, c, frame, engineStage);
    Expr rhs = s.adjoint(world.node(c.target().name(), engineStage))
        .map(a -> adjoints.elementwise(adjoints.rhs(s, a))).orElse(new Expr.Num(0));
    return frame.author(freeTime ? Adjoints.retime(s, rhs, engineStage, written) : rhs);
  }

  /** A sum's transpose term by term: a one-step Jacobian written with its rows first. */
  private static Expr transposed(Expr column) {
    if (column instanceof Expr.Sum sum) {
      return Expr.sum(sum.terms().stream().map(dev.unroll.derive.Forms::transpose).toList());
    }
    return dev.unroll.derive.Forms.transpose(column);
  }

  /**
   * The engine's adjoint equations with the adjoints the author's right-hand side does not name
   * substituted away: an author who passes the RNN's gradient from s to s, never naming z, is
   * answered in s alone.
   */
  static AdjointSystem inAuthorsValues(NumericWorld world, AdjointClaims.Claim c, StageFrame frame, Time stage) {
    Set<String> named = new TreeSet<>();
    Rewrite.bottomUp(frame.cell(c.rhs()), x -> {
      if (x instanceof Expr.Partial p && p.by() instanceof Expr.Symbol by) {
        named.add(by.name());
      }
      return x;
    });
    AdjointSystem s = world.system();
    Node target = world.node(c.target().name(), stage);
    for (int guard = 0; guard < world.graph().cell().equations().size(); guard++) {
      AdjointSystem current = s;
      Optional<String> unnamed = current.adjoint(target).stream().flatMap(a -> a.routes().stream())
          .map(AdjointSystem.Route::consumer).filter(n -> !current.isRoot(n))
          .map(n -> n.name().orElseThrow().name())
          .filter(n -> !named.contains(n) && !n.equals(c.target().name())).findFirst();
      if (unnamed.isEmpty()) {
        break;
      }
      s = world.adjoints().eliminate(s, unnamed.get());
    }
    return s;
  }
}
