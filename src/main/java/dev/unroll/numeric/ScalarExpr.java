package dev.unroll.numeric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scalar function of one variable as the numeric side holds it: an activation's definition, read
 * from the same text Symja reads ({@code z/(1+Abs(z))}, {@code 2/(1+Exp(-z)) - 1}), compiled into a
 * small tree that {@link Nonlinearity} evaluates on doubles, on dual numbers (for the derivative) and
 * on any Hipparchus field (for automatic differentiation).
 *
 * <p>Grammar (Symja's, with calls in parentheses or brackets):
 * <pre>
 *   sum     = ['-'] product { ('+' | '-') product }
 *   product = power { ('*' | '/' | juxtaposition) power }
 *   power   = atom [ '^' ['-'] power ]          right-associative; -z^2 is -(z^2)
 *   atom    = NUMBER | VARIABLE | E | Pi | NAME ('(' | '[') sum {',' sum} (')' | ']') | '(' sum ')'
 * </pre>
 * Function names are Symja's ({@code Exp}, {@code Tanh}, {@code Max}); {@link #FUNCTIONS} lists them.
 */
sealed interface ScalarExpr {
  /** The function's argument. */
  record Variable() implements ScalarExpr {}

  record Constant(double value) implements ScalarExpr {}

  record Add(ScalarExpr left, ScalarExpr right) implements ScalarExpr {}

  record Multiply(ScalarExpr left, ScalarExpr right) implements ScalarExpr {}

  record Divide(ScalarExpr left, ScalarExpr right) implements ScalarExpr {}

  record Negate(ScalarExpr operand) implements ScalarExpr {}

  record Power(ScalarExpr base, ScalarExpr exponent) implements ScalarExpr {}

  /** A call of one of {@link #FUNCTIONS}; {@code Max} and {@code Min} take two or more arguments. */
  record Call(String function, List<ScalarExpr> arguments) implements ScalarExpr {
    public Call {
      arguments = List.copyOf(arguments);
    }
  }

  /** Symja's name of each function the numeric side evaluates, with how many arguments it takes (-1: two or more). */
  Map<String, Integer> FUNCTIONS = new TreeMap<>(Map.ofEntries(
      Map.entry("Exp", 1), Map.entry("Log", 1), Map.entry("Sqrt", 1),
      Map.entry("Tanh", 1), Map.entry("Sinh", 1), Map.entry("Cosh", 1), Map.entry("Sech", 1), Map.entry("Csch", 1),
      Map.entry("Coth", 1), Map.entry("Sin", 1), Map.entry("Cos", 1), Map.entry("Tan", 1), Map.entry("Sec", 1),
      Map.entry("ArcTan", 1), Map.entry("ArcSinh", 1),
      Map.entry("Abs", 1), Map.entry("Sign", 1), Map.entry("UnitStep", 1), Map.entry("Ramp", 1),
      Map.entry("Max", -1), Map.entry("Min", -1)));

  /**
   * Reads {@code definition}, a function of {@code variable}.
   *
   * @throws IllegalArgumentException naming what cannot be read and what is allowed
   */
  static ScalarExpr parse(String definition, String variable) {
    return new Reader(definition, variable).all();
  }

  /** The function of {@code FUNCTIONS} called {@code name} in any case ({@code sech} from a derivative's template), if any. */
  static java.util.Optional<String> function(String name) {
    return FUNCTIONS.keySet().stream().filter(f -> f.equalsIgnoreCase(name)).findFirst();
  }

  /** A recursive-descent reader of one definition. */
  final class Reader {
    private final String text;
    private final String variable;
    private int pos;

    Reader(String text, String variable) {
      this.text = text;
      this.variable = variable;
    }

    ScalarExpr all() {
      ScalarExpr e = sum();
      space();
      if (pos < text.length()) {
        throw error("unexpected '" + text.charAt(pos) + "'");
      }
      return e;
    }

    private ScalarExpr sum() {
      space();
      ScalarExpr e = accept('-') ? new Negate(product()) : product();
      while (true) {
        space();
        if (accept('+')) {
          e = new Add(e, product());
        } else if (accept('-')) {
          e = new Add(e, new Negate(product()));
        } else {
          return e;
        }
      }
    }

    private ScalarExpr product() {
      ScalarExpr e = power();
      while (true) {
        space();
        if (accept('*')) {
          e = new Multiply(e, power());
        } else if (accept('/')) {
          e = new Divide(e, power());
        } else if (pos < text.length() && startsAtom(text.charAt(pos))) {
          e = new Multiply(e, power());
        } else {
          return e;
        }
      }
    }

    private ScalarExpr power() {
      ScalarExpr base = atom();
      space();
      if (accept('^')) {
        space();
        boolean minus = accept('-');
        ScalarExpr exponent = power();
        return new Power(base, minus ? new Negate(exponent) : exponent);
      }
      return base;
    }

    private static boolean startsAtom(char c) {
      return Character.isLetterOrDigit(c) || c == '(' || c == '.';
    }

    private ScalarExpr atom() {
      space();
      if (pos >= text.length()) {
        throw error("the definition ends where a value was expected");
      }
      char c = text.charAt(pos);
      if (Character.isDigit(c) || c == '.') {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
          pos++;
        }
        try {
          return new Constant(Double.parseDouble(text.substring(start, pos)));
        } catch (NumberFormatException e) {
          throw error("'" + text.substring(start, pos) + "' is not a number");
        }
      }
      if (accept('(')) {
        ScalarExpr inner = sum();
        expect(')');
        return inner;
      }
      if (!Character.isLetter(c)) {
        throw error("unexpected '" + c + "'");
      }
      int start = pos;
      while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
        pos++;
      }
      String name = text.substring(start, pos);
      space();
      if (pos < text.length() && (text.charAt(pos) == '(' || text.charAt(pos) == '[') && Character.isUpperCase(name.charAt(0))) {
        char close = text.charAt(pos) == '(' ? ')' : ']';
        pos++;
        List<ScalarExpr> args = new ArrayList<>();
        args.add(sum());
        space();
        while (accept(',')) {
          args.add(sum());
          space();
        }
        expect(close);
        return call(name, args);
      }
      if (name.equals(variable)) {
        return new Variable();
      }
      if (name.equals("E")) {
        return new Constant(Math.E);
      }
      if (name.equals("Pi")) {
        return new Constant(Math.PI);
      }
      throw error("'" + name + "' is neither the argument " + variable + " nor a function call");
    }

    private ScalarExpr call(String name, List<ScalarExpr> args) {
      Integer arity = FUNCTIONS.get(name);
      if (arity == null) {
        throw error("the numeric check cannot evaluate the function '" + name + "'; it evaluates "
            + String.join(", ", FUNCTIONS.keySet()));
      }
      if (arity == -1 ? args.size() < 2 : args.size() != arity) {
        throw error("'" + name + "' takes " + (arity == -1 ? "two or more arguments" : arity + " argument")
            + ", got " + args.size());
      }
      return new Call(name, args);
    }

    private void space() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private boolean accept(char c) {
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      space();
      if (!accept(c)) {
        throw error("expected '" + c + "'");
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(String.format(Locale.ROOT, "Cannot compute the activation '%s' numerically: %s at column %d.",
          text, what, pos + 1));
    }
  }
}
