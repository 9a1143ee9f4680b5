package dev.unroll.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plain-text form of an {@link Expr} that reads back to an equal expression, for storing engine
 * results (such as a derivative Symja found) between runs. S-expressions:
 * {@code (sum (num 1) (neg (pow (sym s t 1 STATE) 2)))}. Not meant for people; lessons use TeX.
 */
public final class ExprText {
  private ExprText() {}

  public static String write(Expr e) {
    StringBuilder out = new StringBuilder();
    write(e, out);
    return out.toString();
  }

  private static void write(Expr e, StringBuilder out) {
    if (e instanceof Expr.Symbol s) {
      out.append("(sym ").append(s.name());
      s.time().ifPresentOrElse(t -> out.append(' ').append(t.variable()).append(' ').append(t.offset()),
          () -> out.append(" - 0"));
      out.append(' ').append(s.role()).append(')');
    } else if (e instanceof Expr.Num n) {
      out.append("(num ").append(n.value()).append(')');
    } else if (e instanceof Expr.Partial p) {
      list(out, "partial", List.of(p.of(), p.by()));
    } else if (e instanceof Expr.Product p) {
      list(out, p.style() == Expr.ProductStyle.CHAIN ? "chain" : "mul", p.factors());
    } else if (e instanceof Expr.Sum s) {
      list(out, "sum", s.terms());
    } else if (e instanceof Expr.Negate n) {
      list(out, "neg", List.of(n.operand()));
    } else if (e instanceof Expr.Power p) {
      out.append("(pow ");
      write(p.base(), out);
      out.append(' ').append(p.exponent()).append(')');
    } else if (e instanceof Expr.Transpose t) {
      list(out, "T", List.of(t.operand()));
    } else if (e instanceof Expr.Diag d) {
      list(out, "diag", List.of(d.operand()));
    } else if (e instanceof Expr.Hadamard h) {
      list(out, "odot", List.of(h.left(), h.right()));
    } else if (e instanceof Expr.Apply a) {
      out.append("(apply ").append(a.function());
      for (Expr x : a.arguments()) {
        out.append(' ');
        write(x, out);
      }
      out.append(')');
    } else {
      throw new IllegalArgumentException("ExprText does not store " + e.getClass().getSimpleName() + ".");
    }
  }

  private static void list(StringBuilder out, String head, List<Expr> items) {
    out.append('(').append(head);
    for (Expr x : items) {
      out.append(' ');
      write(x, out);
    }
    out.append(')');
  }

  /** @throws IllegalArgumentException when the text is not an expression this class wrote */
  public static Expr read(String text) {
    Reader r = new Reader(text);
    Expr e = r.expr();
    r.skipSpace();
    if (r.pos != text.length()) {
      throw new IllegalArgumentException("Trailing text after an expression at " + r.pos + ".");
    }
    return e;
  }

  /** A recursive-descent reader over one string. */
  private static final class Reader {
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    Expr expr() {
      skipSpace();
      expect('(');
      String head = word();
      Expr e;
      switch (head) {
        case "sym" -> {
          String name = word();
          String variable = word();
          int offset = Integer.parseInt(word());
          Expr.Role role = Expr.Role.valueOf(word());
          e = new Expr.Symbol(name, variable.equals("-") ? Optional.empty() : Optional.of(new Time(variable, offset)), role);
        }
        case "num" -> e = new Expr.Num(Long.parseLong(word()));
        case "partial" -> e = new Expr.Partial(expr(), expr());
        case "chain" -> e = new Expr.Product(items(), Expr.ProductStyle.CHAIN);
        case "mul" -> e = new Expr.Product(items(), Expr.ProductStyle.JUXTAPOSE);
        case "sum" -> e = new Expr.Sum(items());
        case "neg" -> e = new Expr.Negate(expr());
        case "pow" -> e = new Expr.Power(expr(), Integer.parseInt(word()));
        case "T" -> e = new Expr.Transpose(expr());
        case "diag" -> e = new Expr.Diag(expr());
        case "odot" -> e = new Expr.Hadamard(expr(), expr());
        case "apply" -> e = new Expr.Apply(word(), items());
        default -> throw new IllegalArgumentException("Unknown head '" + head + "' at " + pos + ".");
      }
      skipSpace();
      expect(')');
      return e;
    }

    private List<Expr> items() {
      List<Expr> out = new ArrayList<>();
      skipSpace();
      while (pos < text.length() && text.charAt(pos) == '(') {
        out.add(expr());
        skipSpace();
      }
      return out;
    }

    private String word() {
      skipSpace();
      int start = pos;
      while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != '(' && text.charAt(pos) != ')') {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("Expected a word at " + pos + ".");
      }
      return text.substring(start, pos);
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private void expect(char c) {
      if (pos >= text.length() || text.charAt(pos) != c) {
        throw new IllegalArgumentException("Expected '" + c + "' at " + pos + ".");
      }
      pos++;
    }
  }
}
