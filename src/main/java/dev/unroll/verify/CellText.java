package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the right side of a forward equation, read from a document, in the equation syntax of a
 * {@code .cell} file ({@code rnn.cell} describes it): juxtaposition for a matrix product, {@code (.)}
 * for the elementwise one, {@code NAME_t} and {@code NAME_{t-1}} for values at a stage. Every name is
 * written as the cell's identifier for the author's symbol. Parenthesised generously: the cell parser
 * reads the same tree back.
 */
final class CellText {
  private CellText() {}

  /**
   * @param ids the author's names to the cell's identifiers
   * @param time the author's time variable ({@code t})
   */
  static String of(Expr e, Map<String, String> ids, String time) {
    if (e instanceof Expr.Symbol s) {
      String id = ids.get(s.name());
      if (id == null) {
        throw new IllegalArgumentException("no identifier for " + s.name());
      }
      if (s.time().isEmpty()) {
        return id;
      }
      if (!s.time().get().variable().equals(time)) {
        throw new IllegalArgumentException("another time variable: " + s.time().get().spelled());
      }
      int o = s.time().get().offset();
      return id + (o == 0 ? "_t" : "_{t" + (o > 0 ? "+" : "-") + Math.abs(o) + "}");
    }
    if (e instanceof Expr.Num n) {
      return Long.toString(n.value());
    }
    if (e instanceof Expr.Sum s) {
      StringBuilder out = new StringBuilder();
      for (Expr t : s.terms()) {
        if (t instanceof Expr.Negate n) {
          out.append(out.length() == 0 ? "-" : " - ").append('(').append(of(n.operand(), ids, time)).append(')');
        } else {
          out.append(out.length() == 0 ? "" : " + ").append(of(t, ids, time));
        }
      }
      return out.toString();
    }
    if (e instanceof Expr.Negate n) {
      return "-(" + of(n.operand(), ids, time) + ")";
    }
    if (e instanceof Expr.Hadamard h) {
      return "(" + of(h.left(), ids, time) + ") (.) (" + of(h.right(), ids, time) + ")";
    }
    if (e instanceof Expr.Product p) {
      List<String> f = new ArrayList<>();
      for (Expr x : p.factors()) {
        f.add(x instanceof Expr.Symbol ? of(x, ids, time) : "(" + of(x, ids, time) + ")");
      }
      return String.join(" ", f);
    }
    if (e instanceof Expr.Apply a) {
      List<String> args = new ArrayList<>();
      for (Expr x : a.arguments()) {
        args.add(of(x, ids, time));
      }
      return a.function() + "(" + String.join(", ", args) + ")";
    }
    throw new IllegalArgumentException("a cell equation cannot hold " + WrittenTex.of(e));
  }
}
