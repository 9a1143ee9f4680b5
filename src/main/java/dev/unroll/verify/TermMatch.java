package dev.unroll.verify;

import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.numeric.ExprEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hipparchus.linear.RealMatrix;

/**
 * Which terms of a wrong adjoint equation are wrong: the written terms and the engine's (one per
 * route from a value that reads the target) are evaluated at one reading of the claim and paired by
 * value. An engine term no written term equals is missing; a written term equal to an engine term
 * already paired counts it twice; a written term equal to none is wrong (and, when exactly one engine
 * term is left unpaired, is given that term as its correction) or extra.
 */
final class TermMatch {
  private final AdjointClaims.Claim claim;
  private final StageFrame frame;
  private final NumericWorld world;
  private final Map<String, Time> values;
  private final Notation notation;
  private final Function<Expr, Position> where;

  TermMatch(AdjointClaims.Claim claim, StageFrame frame, NumericWorld world, Map<String, Time> values, Notation notation,
      Function<Expr, Position> where) {
    this.claim = claim;
    this.frame = frame;
    this.world = world;
    this.values = values;
    this.notation = notation;
    this.where = where;
  }

  List<Finding> findings() {
    Expr.Symbol target = (Expr.Symbol) frame.engine(claim.target(), values, world.graph().first(), world.graph().last());
    Time stage = target.time().orElseThrow();
    AdjointSystem s = EngineAnswer.inAuthorsValues(world, claim, frame, stage);
    Adjoints adjoints = world.adjoints();
    Optional<AdjointSystem.Adjoint> adjoint = s.adjoint(world.node(target.name(), stage));
    List<Expr> engine = adjoint.map(a -> ExprEvaluator.terms(adjoints.elementwise(adjoints.rhs(s, a)))).orElse(List.of());
    List<Expr> written = ExprEvaluator.terms(claim.rhs());
    List<RealMatrix> engineValues = new ArrayList<>();
    List<RealMatrix> writtenValues = new ArrayList<>();
    try {
      for (Expr e : engine) {
        engineValues.add(world.evaluate(e));
      }
      for (Expr w : written) {
        writtenValues.add(world.evaluate(frame.engine(w, values, world.graph().first(), world.graph().last())));
      }
    } catch (RuntimeException e) {
      return List.of(); // a term alone may not evaluate (a bare number); the whole claim's finding stands
    }
    int[] pairedWith = new int[written.size()];
    boolean[] used = new boolean[engine.size()];
    List<Finding> out = new ArrayList<>();
    List<Integer> unpaired = new ArrayList<>();
    for (int w = 0; w < written.size(); w++) {
      pairedWith[w] = -1;
      int twice = -1;
      for (int e = 0; e < engine.size(); e++) {
        if (equal(writtenValues.get(w), engineValues.get(e))) {
          if (!used[e]) {
            pairedWith[w] = e;
            used[e] = true;
            break;
          }
          twice = e;
        }
      }
      if (pairedWith[w] < 0 && twice >= 0) {
        out.add(Finding.at(where.apply(written.get(w)), Severity.ERROR, "extra term, counted twice: it is the same as an "
            + "earlier term of the sum."));
      } else if (pairedWith[w] < 0) {
        unpaired.add(w);
      }
    }
    List<Integer> missing = new ArrayList<>();
    for (int e = 0; e < engine.size(); e++) {
      if (!used[e]) {
        missing.add(e);
      }
    }
    boolean oneForOne = unpaired.size() == 1 && missing.size() == 1;
    for (int w : unpaired) {
      if (oneForOne) {
        out.add(Finding.at(where.apply(written.get(w)), Severity.ERROR, "this term is wrong; the engine's term is:",
            tex(engine.get(missing.get(0)), stage)));
      } else {
        out.add(Finding.at(where.apply(written.get(w)), Severity.ERROR, "extra term: this term is not in the engine's equation."));
      }
    }
    if (!oneForOne) {
      for (int e : missing) {
        out.add(Finding.at(where.apply(claim.rhs()), Severity.ERROR, "missing term:", tex(engine.get(e), stage)));
      }
    }
    return out;
  }

  private String tex(Expr engineTerm, Time stage) {
    Time written = claim.target().time().orElseThrow();
    boolean freeTime = values.containsKey(written.variable());
    Expr shown = freeTime ? Adjoints.retime(world.system(), engineTerm, stage, written) : engineTerm; // retime masks only the loss
    return WrittenTex.correction(frame.author(shown), notation);
  }

  /** Equal within the tolerance, relative to the larger of the two (two zeros are equal). */
  private static boolean equal(RealMatrix a, RealMatrix b) {
    if (a.getRowDimension() != b.getRowDimension() || a.getColumnDimension() != b.getColumnDimension()) {
      return false;
    }
    double diff = ClaimEvaluation.dense(a).subtract(ClaimEvaluation.dense(b)).getFrobeniusNorm();
    return diff <= AdjointClaims.TOLERANCE * Math.max(a.getFrobeniusNorm(), b.getFrobeniusNorm());
  }
}
