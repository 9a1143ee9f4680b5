package dev.unroll.render;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Breaks a long right-hand side into rows for a printed page, at the places the expression tree
 * says a term or a factor starts: between the terms of a sum, else between the factors of a product,
 * else inside a transposed product, whose parentheses then become {@code \bigl( ... \bigr)} (the
 * only parentheses TeX lets a line break separate). Widths are estimated from the TeX in units of
 * about one character of math; a row never exceeds the budget unless one factor alone does.
 */
final class DisplayBreaker {
  private final BiFunction<Expr, Integer, String> write;
  private final int budget;

  /**
   * @param write the emitter's own writer, {@code (expression, precedence context) -> TeX}
   * @param budget the widest row, in estimated characters
   */
  DisplayBreaker(BiFunction<Expr, Integer, String> write, int budget) {
    this.write = write;
    this.budget = budget;
  }

  /** The pieces of an expression that may stand at the start of a row, in order, with their joins written in. */
  List<String> pieces(Expr e, int context, int sumContext, int productContext) {
    String whole = write.apply(e, context);
    if (width(whole) <= budget) {
      return List.of(whole);
    }
    List<String> out = new ArrayList<>();
    if (e instanceof Expr.Sum s && context <= sumContext) {
      for (int i = 0; i < s.terms().size(); i++) {
        Expr t = s.terms().get(i);
        List<String> parts = t instanceof Expr.Negate n ? pieces(n.operand(), productContext, sumContext, productContext)
            : pieces(t, i == 0 ? sumContext : sumContext + 1, sumContext, productContext);
        String sign = i == 0 ? "" : t instanceof Expr.Negate ? "- " : "+ ";
        out.add(sign + parts.get(0));
        out.addAll(parts.subList(1, parts.size()));
      }
      return out;
    }
    if (e instanceof Expr.Product p && context <= productContext) {
      String join = p.style() == Expr.ProductStyle.CHAIN ? "\\cdot " : "";
      for (int i = 0; i < p.factors().size(); i++) {
        Expr f = p.factors().get(i);
        List<String> parts = pieces(f, f instanceof Expr.Hadamard ? productContext + 1 : productContext, sumContext,
            productContext);
        out.add((i == 0 ? "" : join) + parts.get(0));
        out.addAll(parts.subList(1, parts.size()));
      }
      return out;
    }
    if (e instanceof Expr.Transpose t && (t.operand() instanceof Expr.Product || t.operand() instanceof Expr.Sum)) {
      List<String> inner = pieces(t.operand(), 0, sumContext, productContext);
      if (inner.size() > 1) {
        out.addAll(inner);
        out.set(0, "\\bigl(" + out.get(0));
        out.set(out.size() - 1, out.get(out.size() - 1) + "\\bigr)^\\top");
        return out;
      }
    }
    return List.of(whole);
  }

  /** Pieces packed greedily into rows no wider than the budget; the first row has {@code first} less room. */
  List<String> rows(List<String> pieces, int first) {
    List<String> rows = new ArrayList<>();
    StringBuilder row = new StringBuilder();
    double used = first;
    for (String p : pieces) {
      double w = width(p);
      if (row.length() > 0 && used + w > budget) {
        rows.add(row.toString());
        row.setLength(0);
        used = first + 4; // an aligned row keeps the left side's column, plus the continuation's indent
      }
      row.append(row.length() == 0 ? "" : " ").append(p);
      used += w;
    }
    rows.add(row.toString());
    return rows;
  }

  /**
   * An estimate of how wide TeX prints, in characters of math: a fraction is as wide as its wider
   * part, sub- and superscripts count for less, commands that only size or name count for nothing.
   */
  static double width(String tex) {
    double w = 0;
    int i = 0;
    while (i < tex.length()) {
      char c = tex.charAt(i);
      if (c == '\\') {
        int j = i + 1;
        while (j < tex.length() && Character.isLetter(tex.charAt(j))) {
          j++;
        }
        String name = tex.substring(i + 1, j);
        if (j == i + 1) {
          j++; // \\, \{, \|
        }
        if (name.equals("frac")) {
          int[] a = group(tex, j);
          int[] b = group(tex, a[1]);
          w += Math.max(width(tex.substring(a[0], a[1] - 1)), width(tex.substring(b[0], b[1] - 1))) + 0.6;
          i = b[1];
          continue;
        }
        if (name.equals("operatorname") || name.equals("mathrm") || name.equals("text")) {
          int[] a = group(tex, j);
          w += tex.substring(a[0], a[1] - 1).length();
          i = a[1];
          continue;
        }
        w += switch (name) {
          case "left", "right", "bigl", "bigr", "top", "displaystyle" -> name.equals("top") ? 0.8 : 0.3;
          case "cdot", "odot", "le", "times" -> 2;
          case "quad" -> 2;
          case "qquad" -> 4;
          case "sum", "prod" -> 2;
          default -> 1;
        };
        i = j;
      } else if (c == '_' || c == '^') {
        int[] a = group(tex, i + 1);
        w += 0.7 * width(tex.substring(a[0], Math.max(a[0], a[1] - (tex.charAt(i + 1) == '{' ? 1 : 0))));
        i = a[1];
      } else if (c == '{' || c == '}' || c == ' ' || c == '&') {
        i++;
      } else {
        w += c == '=' || c == '+' || c == '-' ? 2 : 1;
        i++;
      }
    }
    return w;
  }

  /** The start of a brace group's contents at {@code at} (or a single token) and the index after it. */
  private static int[] group(String tex, int at) {
    while (at < tex.length() && tex.charAt(at) == ' ') {
      at++;
    }
    if (at >= tex.length()) {
      return new int[] {at, at};
    }
    if (tex.charAt(at) != '{') {
      int end = at + 1;
      if (tex.charAt(at) == '\\') {
        while (end < tex.length() && Character.isLetter(tex.charAt(end))) {
          end++;
        }
      }
      return new int[] {at, end};
    }
    int depth = 0;
    for (int k = at; k < tex.length(); k++) {
      if (tex.charAt(k) == '{') {
        depth++;
      } else if (tex.charAt(k) == '}' && --depth == 0) {
        return new int[] {at + 1, k + 1};
      }
    }
    return new int[] {at + 1, tex.length()};
  }
}
