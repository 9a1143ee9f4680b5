package dev.unroll.cell;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses the right-hand side of one cell equation into an {@link Expr}. Grammar:
 *
 * <pre>
 *   sum     = ['-'] product { ('+' | '-') product }
 *   product = factor { ['(.)'] factor }          juxtaposition is a matrix product, (.) elementwise
 *   factor  = NUMBER | NAME [subscript] | NAME '(' sum {',' sum} ')' | '(' sum ')'
 *   subscript = '_t' | '_{t+N}' | '_{t-N}'
 * </pre>
 *
 * Names with a subscript are per-stage values; names without one are parameters. The role of each
 * symbol comes from {@code roles}, which the cell parser derives from the declarations.
 */
final class EquationParser {
  private final String text;
  private final String source;
  private final int line;
  private final int columnOffset;
  private final Function<String, Expr.Role> roles;
  private int pos;

  EquationParser(String text, String source, int line, int columnOffset, Function<String, Expr.Role> roles) {
    this.text = text;
    this.source = source;
    this.line = line;
    this.columnOffset = columnOffset;
    this.roles = roles;
  }

  Expr parseAll() {
    Expr e = sum();
    skipSpace();
    if (pos < text.length()) {
      throw error("unexpected '" + text.charAt(pos) + "' after a complete expression");
    }
    return e;
  }

  /** Parses {@code NAME_t} or {@code NAME_{t-1}}, the left-hand side of an equation. */
  Expr.Symbol parseTarget() {
    skipSpace();
    Expr e = factor();
    skipSpace();
    if (pos < text.length()) {
      throw error("the left-hand side must be one value at stage t, such as s_t");
    }
    if (!(e instanceof Expr.Symbol s) || s.time().isEmpty() || s.time().get().offset() != 0) {
      throw error("the left-hand side must be one value at stage t, such as s_t");
    }
    return s;
  }

  private Expr sum() {
    List<Expr> terms = new ArrayList<>();
    skipSpace();
    boolean negative = accept('-');
    Expr first = product();
    terms.add(negative ? new Expr.Negate(first) : first);
    while (true) {
      skipSpace();
      if (accept('+')) {
        terms.add(product());
      } else if (accept('-')) {
        terms.add(new Expr.Negate(product()));
      } else {
        return Expr.sum(terms);
      }
    }
  }

  private Expr product() {
    List<Expr> matrixFactors = new ArrayList<>();
    matrixFactors.add(factor());
    while (true) {
      skipSpace();
      if (lookingAt("(.)") || lookingAt("\u2299") || lookingAt("\\odot")) {
        pos += lookingAt("(.)") ? 3 : lookingAt("\u2299") ? 1 : 5;
        Expr left = Expr.juxtapose(matrixFactors);
        Expr right = factor();
        matrixFactors = new ArrayList<>(List.of(new Expr.Hadamard(left, right)));
      } else if (pos < text.length() && startsFactor(text.charAt(pos))) {
        matrixFactors.add(factor());
      } else {
        return Expr.juxtapose(matrixFactors);
      }
    }
  }

  private static boolean startsFactor(char c) {
    return Character.isLetterOrDigit(c) || c == '(';
  }

  private Expr factor() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("expected a value, a function or '(' but the line ended");
    }
    char c = text.charAt(pos);
    if (Character.isDigit(c)) {
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos - start > 9) {
        throw error("the number " + text.substring(start, pos) + " is too large for a cell equation");
      }
      return new Expr.Num(Long.parseLong(text.substring(start, pos)));
    }
    if (c == '(') {
      pos++;
      Expr inner = sum();
      expect(')');
      return inner;
    }
    if (!Character.isLetter(c)) {
      throw error("expected a value, a function or '(' but found '" + c + "'");
    }
    int start = pos;
    while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    String name = text.substring(start, pos);
    if (pos < text.length() && text.charAt(pos) == '(') {
      pos++;
      List<Expr> args = new ArrayList<>();
      args.add(sum());
      skipSpace();
      while (accept(',')) {
        args.add(sum());
        skipSpace();
      }
      expect(')');
      return new Expr.Apply(name, args);
    }
    if (pos < text.length() && text.charAt(pos) == '_') {
      pos++;
      Time time = subscript();
      return Expr.Symbol.at(name, time, roles.apply(name));
    }
    return Expr.Symbol.param(name);
  }

  private Time subscript() {
    if (accept('t')) {
      return Time.t(0);
    }
    if (!accept('{')) {
      throw error("a subscript is _t, _{t-1} or _{t+1}");
    }
    skipSpace();
    if (!accept('t')) {
      throw error("a subscript is _t, _{t-1} or _{t+1}");
    }
    skipSpace();
    int offset = 0;
    if (accept('+') || accept('-')) {
      boolean minus = text.charAt(pos - 1) == '-';
      skipSpace();
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a whole number after 't" + (minus ? "-" : "+") + "'");
      }
      if (pos - start > 4) {
        throw error("the subscript t" + (minus ? "-" : "+") + text.substring(start, pos)
            + " reaches too far; a cell reads the current stage (_t) or the one before (_{t-1})");
      }
      offset = Integer.parseInt(text.substring(start, pos)) * (minus ? -1 : 1);
      skipSpace();
    }
    expect('}');
    return Time.t(offset);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean lookingAt(String s) {
    return text.startsWith(s, pos);
  }

  private boolean accept(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    skipSpace();
    if (!accept(c)) {
      throw error("expected '" + c + "'" + (pos < text.length() ? " but found '" + text.charAt(pos) + "'" : " but the line ended"));
    }
  }

  private CellFormatException error(String message) {
    return new CellFormatException(source, line, columnOffset + pos + 1, message + ".");
  }
}
