package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cell's values the running text gives another meaning: {@code $z_3 = V s_3$} where the cell's
 * {@code z} is the pre-activation {@code U x + W s}. Two equations for one value mean different
 * things when their right sides read different weights (the cell's side with the values of its own
 * stage written out, so {@code o = softmax(q)} reads V through q). A number ({@code s_0 = 0}) gives no
 * other meaning, nor does an equation in names the notation does not know (a bias).
 */
final class Redefinitions {
  private final Notation notation;
  private final CellDefinition cell;

  Redefinitions(Notation notation, CellDefinition cell) {
    this.notation = notation;
    this.cell = cell;
  }

  /** Each redefined value's cell name, with the author's equation as written. */
  Map<String, String> in(List<Statement> statements) {
    Map<String, String> out = new TreeMap<>();
    for (Statement s : statements) {
      if (!s.isEquation() || !(AbsoluteTimes.read(s.sides().get(0), notation) instanceof Expr.Symbol lhs)
          || lhs.time().isEmpty() || s.sides().get(1) instanceof Expr.Num) {
        continue;
      }
      notation.resolve(lhs).filter(v -> cell.equationFor(v.name()).isPresent()).ifPresent(v -> {
        if (unknown(notation.toCell(AbsoluteTimes.read(s.sides().get(1), notation)))) {
          return;
        }
        Set<String> written = weights(notation.toCell(AbsoluteTimes.read(s.sides().get(1), notation)), 0);
        Set<String> own = weights(cell.equationFor(v.name()).get().definition(), 0);
        if (!written.isEmpty() && !written.equals(own)) {
          out.putIfAbsent(v.name(), WrittenTex.of(s.sides().get(0)) + " = " + WrittenTex.of(s.sides().get(1)));
        }
      });
    }
    return out;
  }

  /** Whether an expression names something that is not the cell's (a bias, an input written another way). */
  private boolean unknown(Expr e) {
    boolean[] found = {false};
    Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Symbol s && cell.declaration(s.name()).isEmpty() && cell.equationFor(s.name()).isEmpty()
          && !s.name().equals(cell.loss())) {
        found[0] = true;
      }
      return x;
    });
    return found[0];
  }

  /** The weights an expression reads, through the non-state values of its own stage. */
  private Set<String> weights(Expr e, int depth) {
    Set<String> out = new TreeSet<>();
    Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Symbol s) {
        var d = cell.declaration(s.name());
        if (d.isPresent() && d.get().kind() == Declaration.Kind.PARAM) {
          out.add(s.name());
        } else if (depth < 8 && s.time().map(t -> t.offset() == 0).orElse(true) && d.map(k -> k.kind() != Declaration.Kind.STATE)
            .orElse(true)) {
          cell.equationFor(s.name()).ifPresent(eq -> out.addAll(weights(eq.definition(), depth + 1)));
        }
      }
      return x;
    });
    return out;
  }
}
