package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Echoes what the author wrote, in messages ("unknown symbol S_{t}", "\\partial E_{t+1}/\\partial W"):
 * author expressions may hold names and functions no notation knows, which
 * {@code render.LatexWriter} does not spell. The right LaTeX of a correction never comes from here:
 * {@link #correction} hands engine expressions to {@code render.LatexWriter}.
 */
final class WrittenTex {
  private static final Set<String> ACCENTS = Set.of("hat", "tilde", "bar");
  private static final Set<String> KNOWN_FUNCTIONS = Set.of("tanh", "exp", "log", "ln", "sinh", "cosh", "max");

  private WrittenTex() {}

  /** The right LaTeX for an engine expression, in the author's notation, from the project's one emitter. */
  static String correction(Expr e, Notation notation) {
    return new dev.unroll.render.LatexWriter(notation.render()).write(e);
  }

  /** Symbols as the expression names them. */
  static String of(Expr e) {
    return of(e, null);
  }

  /** Symbols spelled as {@code notation} spells the cell variables they stand for. */
  static String of(Expr e, Notation notation) {
    StringBuilder b = new StringBuilder();
    write(e, notation, b);
    return b.toString();
  }

  private static void write(Expr e, Notation n, StringBuilder b) {
    if (e instanceof Expr.Symbol s) {
      String name = n == null ? s.name() : n.spell(s.name());
      int underscore = name.indexOf('_');
      String base = underscore < 0 ? name : name.substring(0, underscore);
      String sub = underscore < 0 ? "" : name.substring(underscore + 1);
      if (ACCENTS.contains(base) && !sub.isEmpty()) {
        // the parser's tilde_c is the author's \tilde{c}
        int more = sub.indexOf('_');
        base = "\\" + base + "{" + (more < 0 ? sub : sub.substring(0, more)) + "}";
        sub = more < 0 ? "" : sub.substring(more + 1);
      }
      b.append(base);
      if (s.time().isPresent()) {
        sub = sub.isEmpty() ? s.time().get().spelled() : sub + "," + s.time().get().spelled();
      }
      if (!sub.isEmpty()) {
        b.append("_{").append(sub).append('}');
      }
    } else if (e instanceof Expr.Num num) {
      b.append(num.value());
    } else if (e instanceof Expr.Partial p) {
      b.append("\\frac{\\partial ").append(of(p.of(), n)).append("}{\\partial ").append(of(p.by(), n)).append('}');
    } else if (e instanceof Expr.Product p) {
      String sep = p.style() == Expr.ProductStyle.CHAIN ? " \\cdot " : " ";
      List<Expr> fs = p.factors();
      // an elementwise product binds looser than the matrix product it stands in (W^\top (a \odot b)); a \sum
      // or \prod before other factors is closed in parentheses, or its body would take them in
      b.append(java.util.stream.IntStream.range(0, fs.size()).mapToObj(i -> grouped(fs.get(i), n, fs.get(i) instanceof Expr.Sum
          || fs.get(i) instanceof Expr.Hadamard || i < fs.size() - 1 && series(fs.get(i)))).collect(Collectors.joining(sep)));
    } else if (e instanceof Expr.Sum s) {
      for (int i = 0; i < s.terms().size(); i++) {
        Expr t = s.terms().get(i);
        if (t instanceof Expr.Negate neg) {
          b.append(i == 0 ? "-" : " - ").append(grouped(neg.operand(), n, neg.operand() instanceof Expr.Sum));
        } else {
          b.append(i == 0 ? "" : " + ").append(of(t, n));
        }
      }
    } else if (e instanceof Expr.Negate neg) {
      b.append('-').append(grouped(neg.operand(), n, !(neg.operand() instanceof Expr.Symbol)));
    } else if (e instanceof Expr.Power p) {
      b.append(grouped(p.base(), n, !(p.base() instanceof Expr.Symbol))).append("^{").append(p.exponent()).append('}');
    } else if (e instanceof Expr.Transpose t) {
      b.append(grouped(t.operand(), n, !(t.operand() instanceof Expr.Symbol))).append("^{\\top}");
    } else if (e instanceof Expr.Diag d) {
      b.append("\\operatorname{diag}\\left(").append(of(d.operand(), n)).append("\\right)");
    } else if (e instanceof Expr.Hadamard h) {
      b.append(grouped(h.left(), n, h.left() instanceof Expr.Sum)).append(" \\odot ")
          .append(grouped(h.right(), n, h.right() instanceof Expr.Sum));
    } else if (e instanceof Expr.Apply a) {
      apply(a, n, b);
    }
  }

  private static void apply(Expr.Apply a, Notation n, StringBuilder b) {
    List<Expr> args = a.arguments();
    if (a.function().equals("otimes") && args.size() == 2) {
      b.append(grouped(args.get(0), n, true)).append(" \\otimes ").append(of(args.get(1), n));
      return;
    }
    if (args.isEmpty()) {
      b.append(a.function().equals("empty") ? "" : a.function());
      return;
    }
    if ((a.function().equals("sum") || a.function().equals("prod")) && args.size() == 3) {
      // \sum_{t=1}^{3} as the parser reads it: relation(t, 1), 3, body
      Expr lower = args.get(0);
      String below = lower instanceof Expr.Apply r && r.function().equals("relation") && r.arguments().size() == 2
          ? of(r.arguments().get(0), n) + "=" + of(r.arguments().get(1), n) : of(lower, n);
      String above = of(args.get(1), n);
      b.append("\\").append(a.function()).append("_{").append(below).append("}")
          .append(above.isEmpty() ? "" : "^{" + above + "}").append(" ").append(grouped(args.get(2), n, args.get(2) instanceof Expr.Sum));
      return;
    }
    if (a.function().equals("frac") && args.size() == 2) {
      b.append("\\frac{").append(of(args.get(0), n)).append("}{").append(of(args.get(1), n)).append("}");
      return;
    }
    if (a.function().equals("pow") && args.size() == 2) {
      b.append(grouped(args.get(0), n, !(args.get(0) instanceof Expr.Symbol))).append("^{").append(of(args.get(1), n)).append("}");
      return;
    }
    String f = a.function();
    String base = f.replace("'", "");
    String name = KNOWN_FUNCTIONS.contains(base) ? "\\" + f
        : base.equals("sigma") || TexParser.ACTIVATION_LETTERS.contains(base) ? "\\" + f
        : base.length() == 1 ? f : "\\operatorname{" + base + "}" + f.substring(base.length());
    b.append(name).append("\\left(")
        .append(args.stream().map(x -> of(x, n)).collect(Collectors.joining(", "))).append("\\right)");
  }

  private static boolean series(Expr e) {
    return e instanceof Expr.Apply a && (a.function().equals("sum") || a.function().equals("prod")) && a.arguments().size() == 3;
  }

  private static String grouped(Expr e, Notation n, boolean parens) {
    return parens ? "\\left(" + of(e, n) + "\\right)" : of(e, n);
  }
}
