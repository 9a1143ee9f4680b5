package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A weight's gradient whose right side is another weight's: {@code \partial L / \partial W_{hi} =
 * \sum_t \frac{\partial L}{\partial a^i_t} x_t^\top} is the gradient of the input weight {@code W_{ii}}, so
 * the left side is mislabelled. When a gradient claim fails (its values or its shape), the right side is
 * evaluated as the gradient of each of the cell's other parameters in the same seeded network; the one
 * it equals at every reading is named.
 */
final class MislabelledGradient {
  private MislabelledGradient() {}

  /** The finding that the left side names the wrong weight, if the right side is another parameter's gradient. */
  static Optional<Finding> of(AdjointClaims.Claim c, CellDefinition cell, Notation notation, StageFrame frame,
      NumericWorld world, Position at) {
    if (c.kind() != AdjointClaims.Kind.GRADIENT || world == null || !(c.lhs() instanceof Expr.Partial p)) {
      return Optional.empty();
    }
    List<String> free = new ArrayList<>(frame.free(c.lhs()));
    frame.free(c.rhs()).stream().filter(v -> !free.contains(v)).forEach(free::add);
    for (Declaration d : cell.declarations(Declaration.Kind.PARAM)) {
      String author = notation.spell(d.name());
      if (d.name().equals(c.target().name()) || !notation.spelling().containsValue(d.name())) {
        continue; // the claimed weight itself, or one the author never names (the stand-in output layer)
      }
      Expr.Symbol other = new Expr.Symbol(d.name(), Optional.empty(), Expr.Role.PARAMETER);
      Expr.Partial lhs = new Expr.Partial(p.of(), new Expr.Symbol(author, Optional.empty(), Expr.Role.PARAMETER));
      ClaimEvaluation ev = new ClaimEvaluation(new AdjointClaims.Claim(c.kind(), c.loss(), other, false, lhs, c.rhs()),
          frame, world, free);
      try {
        ev.run();
      } catch (RuntimeException e) {
        continue;
      }
      if (ev.instances > 0 && ev.failed.isEmpty()) {
        String claimed = WrittenTex.of(c.lhs());
        return Optional.of(Finding.at(at, Severity.ERROR, "this is not " + claimed + ": left side: the right side is "
            + WrittenTex.of(lhs) + ", the gradient of another weight (evaluated on random weights).",
            WrittenTex.of(lhs) + " = " + WrittenTex.of(c.rhs())));
      }
    }
    return Optional.empty();
  }
}
