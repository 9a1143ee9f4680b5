package dev.unroll.render;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The one emitter that turns an {@link Expr} into TeX. It owns subscripts ({@code s_{t-1}}, never
 * Symja's {@code {s}_{-1 + t}}), {@code \frac{\partial ...}{\partial ...}}, operator names,
 * parentheses by precedence and the {@code aligned} layout of multi-line equations. Nothing else in
 * the project concatenates backslashes. Output is valid both in KaTeX and in pdflatex with amsmath.
 */
public final class LatexWriter {
  private static final int SUM = 1;
  private static final int NEGATE = 2;
  private static final int PRODUCT = 3;
  private static final int POSTFIX = 4;
  private static final int ATOM = 5;

  private final Notation notation;
  /** For a printed page: long right-hand sides broken into rows at term and factor boundaries; else none. */
  private final java.util.Optional<DisplayBreaker> breaker;

  public LatexWriter(Notation notation) {
    this.notation = Objects.requireNonNull(notation, "notation");
    this.breaker = java.util.Optional.empty();
  }

  private LatexWriter(Notation notation, int budget) {
    this.notation = Objects.requireNonNull(notation, "notation");
    this.breaker = java.util.Optional.of(new DisplayBreaker(this::write, budget));
  }

  /**
   * A writer for a printed page (the LaTeX document): every equation whose right-hand side would be
   * wider than the text is written as {@code aligned} rows, broken where a term or a factor starts.
   */
  public static LatexWriter printed(Notation notation) {
    return new LatexWriter(notation, PRINTED_WIDTH);
  }

  /** The widest row on an A4 page with 2 cm margins at 11 pt, in estimated characters of math. */
  static final int PRINTED_WIDTH = 64;

  /** The rows of one right-hand side, after a left-hand side of the given TeX. */
  private java.util.List<String> rows(String lhs, Expr rhs, int context) {
    DisplayBreaker b = breaker.orElseThrow();
    return b.rows(b.pieces(rhs, context, SUM, PRODUCT), (int) Math.ceil(DisplayBreaker.width(lhs)) + 3);
  }

  public String write(Expr e) {
    return write(e, 0);
  }

  /**
   * An expression standing alone in a display: on a printed page, rows broken where a term or a factor
   * starts when it is wider than the text.
   */
  public String displayed(Expr e) {
    if (breaker.isPresent()) {
      List<String> rows = rows("", e, 0);
      if (rows.size() > 1) {
        return "\\begin{aligned}\n& " + String.join(" \\\\\n&\\quad ", rows) + "\n\\end{aligned}";
      }
    }
    return write(e);
  }

  /** {@code lhs = rhs}. */
  public String equation(Expr lhs, Expr rhs) {
    if (breaker.isPresent()) {
      String l = write(lhs);
      List<String> rows = rows(l, rhs, 0);
      if (rows.size() > 1) {
        return "\\begin{aligned}\n" + l + " &= " + String.join(" \\\\\n&\\quad ", rows) + "\n\\end{aligned}";
      }
    }
    return write(lhs) + " = " + write(rhs);
  }

  /** A relation between two sides of an inequality or equation. */
  public enum Relation {
    EQUAL("="), LESS("<"), LESS_EQUAL("\\le"), GREATER(">");

    private final String tex;

    Relation(String tex) {
      this.tex = tex;
    }
  }

  /**
   * A chain of relations: {@code sides.get(0) rel_0 sides.get(1) rel_1 ...}, such as
   * {@code \sigma_{\max}(W) < \frac{1}{\gamma} = 4}.
   */
  public String relations(List<? extends Expr> sides, List<Relation> relations) {
    if (sides.size() != relations.size() + 1) {
      throw new IllegalArgumentException("A chain of relations needs one side more than relations.");
    }
    StringBuilder out = new StringBuilder(write(sides.get(0)));
    for (int i = 0; i < relations.size(); i++) {
      out.append(' ').append(relations.get(i).tex).append(' ').append(write(sides.get(i + 1)));
    }
    return out.toString();
  }

  /** Rows {@code lhs &= rhs} joined in an {@code aligned} environment. */
  public String aligned(List<? extends Expr> lhs, List<? extends Expr> rhs) {
    if (lhs.size() != rhs.size()) {
      throw new IllegalArgumentException("aligned needs as many left as right sides.");
    }
    StringJoiner rows = new StringJoiner(" \\\\\n", "\\begin{aligned}\n", "\n\\end{aligned}");
    for (int i = 0; i < lhs.size(); i++) {
      String l = write(lhs.get(i));
      rows.add(l + " &= " + (breaker.isPresent() ? String.join(" \\\\\n&\\quad ", rows(l, rhs.get(i), 0))
          : write(rhs.get(i))));
    }
    return rows.toString();
  }

  /** {@code lhs &= t_1 \\ &+ t_2 ...}: a long sum, one term a line. */
  public String alignedSum(Expr lhs, List<? extends Expr> terms) {
    if (terms.isEmpty()) {
      return write(lhs) + " = 0";
    }
    StringBuilder out = new StringBuilder("\\begin{aligned}\n").append(write(lhs)).append(" &= ");
    for (int i = 0; i < terms.size(); i++) {
      Expr t = terms.get(i);
      if (i > 0) {
        out.append(" \\\\\n&");
        if (t instanceof Expr.Negate n) {
          out.append("- ").append(breaker.isPresent() ? String.join(" \\\\\n&\\qquad ", rows("- ", n.operand(), PRODUCT))
              : write(n.operand(), PRODUCT));
          continue;
        }
        out.append("+ ");
      }
      out.append(breaker.isPresent() ? String.join(" \\\\\n&\\qquad ", rows(i == 0 ? write(lhs) : "+ ", t, i == 0 ? 0 : SUM + 1))
          : write(t, i == 0 ? 0 : SUM + 1));
    }
    return out.append("\n\\end{aligned}").toString();
  }

  /**
   * A measured number as TeX: two significant digits times a power of ten ({@code 3.1 \times 10^{-20}})
   * below 0.001 and from 100,000 up, else up to four significant digits plainly ({@code 0.1198}).
   */
  public static String number(double x) {
    if (!Double.isFinite(x)) {
      return Double.isNaN(x) ? "\\mathrm{NaN}" : (x > 0 ? "\\infty" : "-\\infty");
    }
    double a = Math.abs(x);
    if (a == 0 || (a >= 1e-3 && a < 1e5)) {
      return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
    String[] parts = String.format(java.util.Locale.ROOT, "%.1e", x).split("e");
    int exponent = Integer.parseInt(parts[1]);
    String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
    return (mantissa.equals("1") ? "" : mantissa + " \\times ") + "10^{" + exponent + "}";
  }

  /** Plain words for a LaTeX document, with TeX's special characters escaped. */
  public static String text(String words) {
    StringBuilder out = new StringBuilder(words.length());
    for (char c : words.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\textbackslash{}");
        case '{', '}', '%', '&', '#', '_', '$' -> out.append('\\').append(c);
        case '^' -> out.append("\\^{}");
        case '~' -> out.append("\\~{}");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private String write(Expr e, int context) {
    String body = body(e);
    return precedence(e) < context ? "\\left(" + body + "\\right)" : body;
  }

  private String body(Expr e) {
    if (e instanceof Expr.Symbol s) {
      String base = notation.symbol(s.name());
      return s.time().map(t -> base + "_{" + t.spelled() + "}").orElse(base);
    }
    if (e instanceof Expr.Num n) {
      return Long.toString(n.value());
    }
    if (e instanceof Expr.Partial p) {
      return "\\frac{\\partial " + write(p.of(), ATOM) + "}{\\partial " + write(p.by(), ATOM) + "}";
    }
    if (e instanceof Expr.Product p) {
      StringJoiner j = new StringJoiner(p.style() == Expr.ProductStyle.CHAIN ? " \\cdot " : " ");
      // An elementwise product inside a matrix product needs its parentheses: U (r \odot h).
      p.factors().forEach(f -> j.add(write(f, f instanceof Expr.Hadamard ? PRODUCT + 1 : PRODUCT)));
      return j.toString();
    }
    if (e instanceof Expr.Sum s) {
      StringBuilder out = new StringBuilder(write(s.terms().get(0), SUM));
      for (Expr t : s.terms().subList(1, s.terms().size())) {
        if (t instanceof Expr.Negate n) {
          out.append(" - ").append(write(n.operand(), PRODUCT));
        } else {
          out.append(" + ").append(write(t, SUM + 1));
        }
      }
      return out.toString();
    }
    if (e instanceof Expr.Negate n) {
      return "-" + write(n.operand(), PRODUCT);
    }
    if (e instanceof Expr.Power p) {
      return write(p.base(), ATOM) + "^{" + p.exponent() + "}";
    }
    if (e instanceof Expr.Transpose t) {
      return write(t.operand(), ATOM) + "^\\top";
    }
    if (e instanceof Expr.Diag d) {
      return "\\operatorname{diag}\\left(" + write(d.operand()) + "\\right)";
    }
    if (e instanceof Expr.Hadamard h) {
      return write(h.left(), PRODUCT) + " \\odot " + write(h.right(), PRODUCT + 1);
    }
    if (e instanceof Expr.Apply a) {
      return apply(a);
    }
    if (e instanceof Expr.Series x) {
      String op = x.kind() == Expr.SeriesKind.SUM ? "\\sum" : "\\prod";
      Time lower = x.descending() ? x.to() : x.from();
      Time upper = x.descending() ? x.from() : x.to();
      return op + "_{" + x.index().variable() + "=" + lower.spelled() + "}^{" + upper.spelled() + "} "
          + write(x.body(), PRODUCT);
    }
    throw new IllegalArgumentException("No TeX for " + e);
  }

  private String apply(Expr.Apply a) {
    if (a.function().equals("cdots") && a.arguments().isEmpty()) {
      return "\\cdots";
    }
    if (a.function().equals("crossentropy")) {
      // E = -y^T log o with a one-hot target y: the natural-log cross-entropy.
      return "-" + write(new Expr.Transpose(a.arguments().get(1)), PRODUCT) + " " + notation.function("log") + " "
          + write(a.arguments().get(0), ATOM);
    }
    List<Expr> x = a.arguments();
    if (a.function().equals("norm") && x.size() == 1) {
      return "\\left\\| " + write(x.get(0)) + " \\right\\|";
    }
    if (a.function().equals("abs") && x.size() == 1) {
      return "\\left| " + write(x.get(0)) + " \\right|";
    }
    if (a.function().equals("fprime") && x.size() == 1) {
      // The derivative of the activation placeholder f, at its argument.
      return "f'(" + write(x.get(0)) + ")";
    }
    if (a.function().equals("sigmamax") && x.size() == 1) {
      return "\\sigma_{\\max}\\left(" + write(x.get(0)) + "\\right)";
    }
    if (a.function().equals("frac") && x.size() == 2) {
      return "\\frac{" + write(x.get(0)) + "}{" + write(x.get(1)) + "}";
    }
    if (a.function().equals("pow") && x.size() == 2) {
      return write(x.get(0), ATOM) + "^{" + write(x.get(1)) + "}";
    }
    if (a.function().equals("decimal") && x.size() == 1 && x.get(0) instanceof Expr.Symbol digits) {
      // A number that is not a whole number or a fraction, carried as its decimal digits.
      return digits.name();
    }
    StringJoiner args = new StringJoiner(", ");
    x.forEach(arg -> args.add(write(arg)));
    return notation.function(a.function()) + "(" + args + ")";
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Sum || e instanceof Expr.Series) {
      return SUM;
    }
    if (e instanceof Expr.Negate || (e instanceof Expr.Num n && n.value() < 0)) {
      return NEGATE;
    }
    if (e instanceof Expr.Apply a && a.function().equals("crossentropy")) {
      return NEGATE;
    }
    if (e instanceof Expr.Product || e instanceof Expr.Hadamard) {
      return PRODUCT;
    }
    if (e instanceof Expr.Power || e instanceof Expr.Transpose
        || (e instanceof Expr.Apply a && a.function().equals("pow"))) {
      return POSTFIX;
    }
    return ATOM;
  }
}
