package dev.unroll.verify;

import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.linear.RealMatrix;

/**
 * Says which term of the engine's adjoint equation a failed gradient leaves out when that equation is
 * one node's own (the logits' {@code \hat y_t - y_t} under a softmax and cross-entropy, where no route
 * to another value tells the terms apart): when the written side equals the engine's right side less
 * one of its terms at every stage it was read at, that term is missing ({@code \nabla_{o^{(t)}} L =
 * \hat y^{(t)}}, the target forgotten). The term is written in the author's times and names.
 */
final class DroppedTerms {
  private DroppedTerms() {}

  /** The one term the written side leaves out, as TeX in the author's times, if leaving it out is exactly the difference. */
  static Optional<String> of(AdjointClaims.Claim c, StageFrame frame, NumericWorld world, ClaimEvaluation ev,
      Notation notation) {
    if (c.kind() != AdjointClaims.Kind.ADJOINT || ev.written.isEmpty()) {
      return Optional.empty();
    }
    Integer dropped = null;
    Expr shown = null;
    try {
      for (Map.Entry<Map<String, Time>, RealMatrix> e : ev.written.entrySet()) {
        Time stage = ((Expr.Symbol) frame.engine(c.target(), e.getKey(), world.graph().first(), world.graph().last()))
            .time().orElseThrow();
        AdjointSystem s = EngineAnswer.inAuthorsValues(world, c, frame, stage);
        Expr rhs = s.adjoint(world.node(c.target().name(), stage)).map(a -> world.adjoints().elementwise(
            world.adjoints().rhs(s, a))).orElse(null);
        if (!(rhs instanceof Expr.Sum sum) || sum.terms().size() < 2) {
          return Optional.empty();
        }
        RealMatrix whole = ClaimEvaluation.dense(world.evaluate(rhs));
        Integer here = null;
        for (int i = 0; i < sum.terms().size() && here == null; i++) {
          RealMatrix rest = whole.subtract(ClaimEvaluation.dense(world.evaluate(sum.terms().get(i))));
          if (ClaimEvaluation.difference(e.getValue(), rest) <= AdjointClaims.TOLERANCE * 1e3) {
            here = i;
          }
        }
        if (here == null || dropped != null && !dropped.equals(here)) {
          return Optional.empty();
        }
        dropped = here;
        if (shown == null) {
          boolean freeTime = e.getKey().containsKey(c.target().time().orElseThrow().variable());
          Expr term = sum.terms().get(here);
          Time written = c.target().time().orElseThrow();
          shown = frame.author(freeTime ? Adjoints.retime(s, term, stage, written) : term);
        }
      }
    } catch (RuntimeException e) {
      return Optional.empty(); // a term the world cannot evaluate alone: nothing to say about it
    }
    return Optional.ofNullable(shown).map(t -> WrittenTex.correction(t, notation));
  }
}
