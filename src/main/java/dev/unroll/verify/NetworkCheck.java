package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Equation;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks an equation that defines one of the network's values ({@code z_t = U x_t + W s_{t-1}},
 * {@code s_t = \tanh(z_t)}, {@code q_t = V s_t}, {@code o_t = softmax(q_t)}) against the cell's
 * equation, up to the order of a sum's terms and the way a product is written. The loss's equation
 * is not checked: lessons write it in too many ways ({@code -\log o_t[y_t]}, {@code -y^T \log o}).
 */
final class NetworkCheck {
  private final Notation notation;
  private final CellDefinition cell;

  NetworkCheck(Notation notation, CellDefinition cell) {
    this.notation = notation;
    this.cell = cell;
  }

  /** Whether {@code lhs} names a value the cell computes (other than the loss). */
  Optional<Equation> equationFor(Expr lhs) {
    if (!(lhs instanceof Expr.Symbol s) || s.time().isEmpty()) {
      return Optional.empty();
    }
    Optional<String> v = notation.variable(s.name());
    if (v.isEmpty() || v.get().equals(cell.loss())) {
      return Optional.empty();
    }
    return cell.equationFor(v.get());
  }

  /** The activation an equation {@code s_t = f(z_t)} names, if this is that equation. */
  static Optional<String> activationOf(Notation notation, Expr lhs, Expr rhs) {
    if (lhs instanceof Expr.Symbol s && notation.variable(s.name()).orElse("").equals("s")
        && rhs instanceof Expr.Apply a) {
      return switch (a.function()) {
        case "tanh" -> Optional.of("tanh");
        case "sigma", "sigmoid" -> Optional.of("sigmoid");
        case "relu", "ReLU", "max" -> Optional.of("relu");
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /** Empty when the written right-hand side is the cell's; else the cell's, as TeX in the author's notation. */
  Optional<String> mismatch(Expr lhs, Expr rhs, Equation eq) {
    Expr.Symbol target = (Expr.Symbol) lhs;
    int offset = target.time().get().offset();
    Expr want = Rewrite.shift(bind(eq.definition()), offset);
    String written = canonical(toCell(rhs));
    String expected = canonical(want);
    if (written.equals(expected)) {
      return Optional.empty();
    }
    return Optional.of(WrittenTex.correction(want, notation));
  }

  private Expr bind(Expr e) {
    return Rewrite.bottomUp(e, x -> x instanceof Expr.Apply a && cell.placeholders().containsKey(a.function())
        ? new Expr.Apply(cell.placeholders().get(a.function()), a.arguments()) : x);
  }

  private Expr toCell(Expr e) {
    return notation.toCell(e);
  }


  private static void hadamardFactors(Expr e, List<String> out) {
    if (e instanceof Expr.Hadamard h) {
      hadamardFactors(h.left(), out);
      hadamardFactors(h.right(), out);
    } else {
      out.add(canonical(e));
    }
  }

  /** A spelling that ignores roles, product style and the order of a sum's terms. */
  private static String canonical(Expr e) {
    if (e instanceof Expr.Sum s) {
      List<String> terms = new ArrayList<>();
      for (Expr t : s.terms()) {
        terms.add(canonical(t));
      }
      terms.sort(null);
      return "(" + String.join(" + ", terms) + ")";
    }
    if (e instanceof Expr.Hadamard h) {
      // elementwise products commute: f_t \odot c_{t-1} is c_{t-1} \odot f_t
      List<String> fs = new ArrayList<>();
      hadamardFactors(h, fs);
      fs.sort(null);
      return "{" + String.join(" (.) ", fs) + "}";
    }
    if (e instanceof Expr.Product p) {
      List<String> fs = new ArrayList<>();
      for (Expr f : p.factors()) {
        fs.add(canonical(f));
      }
      return "[" + String.join(" ", fs) + "]";
    }
    if (e instanceof Expr.Apply a) {
      List<String> args = new ArrayList<>();
      for (Expr x : a.arguments()) {
        args.add(canonical(x));
      }
      return a.function() + "(" + String.join(",", args) + ")";
    }
    if (e instanceof Expr.Symbol s) {
      return s.name() + s.time().map(t -> "_" + t.spelled()).orElse("");
    }
    return WrittenTex.of(e);
  }
}
