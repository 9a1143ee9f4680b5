package dev.unroll.verify;

import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.DerivativeBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and checks the prose claims {@code verify} can compute: an upper bound on an activation's
 * derivative ("its derivative will always be less than 0.25", "the derivative of tanh is at most 1").
 * The activation is the last one named before the word "derivative" in the same sentence; the bound
 * is checked against {@link ActivationBounds}: a strict bound equal to a maximum that is attained is
 * wrong, a bound below the maximum is wrong, a bound above it holds but is loose.
 */
final class ProseClaims {
  private static final String ACTIVATIONS = "sigmoid|logistic|tanh|hyperbolic tangent|relu";
  /** Up to 160 characters of one paragraph that name no activation, so the nearest one is the one meant. */
  private static final String GAP = "(?:(?!" + ACTIVATIONS + ")(?:[^!?\\n]|\\n(?![ \\t]*\\n))){0,160}?";
  private static final Pattern BOUND = Pattern.compile(
      "(?i)(?:\\b(" + ACTIVATIONS + ")\\b" + GAP + "\\bderiv\\w*|\\bderiv\\w* of (?:the )?(" + ACTIVATIONS + ")\\b)" + GAP
          + "(less than or equal to|less than|smaller than|lower than|below|at most|no (?:more|greater|larger) than|"
          + "not (?:more|greater|larger) than|never exceeds|never more than|bounded (?:above )?by|<=|\\\\leq?|<)"
          + "\\s*\\$?\\s*([0-9]+(?:\\.[0-9]+)?(?:\\s*/\\s*[0-9]+)?|\\\\[dt]?frac\\{1\\}\\{4\\}|one quarter|a quarter|one)");

  /** A bound claim as written. */
  record BoundClaim(String activation, String comparator, boolean strict, double bound, String boundText, int offset) {}

  private final DerivativeBounds bounds;

  /**
   * @param bounds Symja's calculation or its remembered answers, or null to leave prose claims unchecked (reported as
   *     such)
   */
  ProseClaims(DerivativeBounds bounds) {
    this.bounds = bounds;
  }

  private static final Pattern STATED_OUTER = Pattern.compile(
      "(last|final) factor[^.]{0,200}?outer product|outer product[^.]{0,200}?(last|final) factor", Pattern.CASE_INSENSITIVE);

  /**
   * Where the prose says that the last factor of a chain stands for an outer product (this project's
   * own lessons do, below their chain notation): a convention, which {@code ClaimJudge} then accepts.
   */
  static java.util.OptionalInt statedOuterProduct(String prose) {
    Matcher m = STATED_OUTER.matcher(prose);
    return m.find() ? java.util.OptionalInt.of(m.start()) : java.util.OptionalInt.empty();
  }

  static List<BoundClaim> find(String prose) {
    List<BoundClaim> out = new ArrayList<>();
    Matcher m = BOUND.matcher(prose);
    while (m.find()) {
      String activation = activation(m.group(1) != null ? m.group(1) : m.group(2));
      String comparator = m.group(3).toLowerCase(Locale.ROOT);
      boolean strict = comparator.equals("less than") || comparator.equals("smaller than") || comparator.equals("lower than")
          || comparator.equals("below") || comparator.equals("<");
      Optional<Double> value = number(m.group(4));
      if (value.isPresent()) {
        out.add(new BoundClaim(activation, comparator, strict, value.get(), m.group(4), m.start(3)));
      }
    }
    return out;
  }

  /** Judges one claim; {@code where} is its position. */
  Finding judge(BoundClaim c, Position where) {
    Optional<ActivationBounds.Bound> computed = bounds == null ? Optional.empty() : bounds.maxAbsDerivative(c.activation());
    if (computed.isEmpty()) {
      return Finding.at(where, Severity.WARNING, "could not compute the largest value of the " + c.activation()
          + "'s derivative with Symja, so \"" + c.comparator() + " " + c.boundText() + "\" was not checked.");
    }
    ActivationBounds.Bound b = computed.get();
    String max = b.maximum();
    String at = b.attained() ? ", attained at z = " + b.argument() : ", approached but not attained";
    double eps = 1e-12;
    boolean equal = Math.abs(b.value() - c.bound()) <= eps;
    String claim = "\"" + c.comparator() + " " + c.boundText() + "\"";
    if (c.strict() && equal && b.attained()) {
      return Finding.at(where, Severity.ERROR, claim + " is wrong: the largest value of the " + c.activation()
          + "'s derivative is " + max + at + "; say \"at most " + max + "\" (a strict bound is never attained).");
    }
    if (b.value() > c.bound() + eps) {
      return Finding.at(where, Severity.ERROR, claim + " is wrong: the " + c.activation() + "'s derivative reaches "
          + max + at + ", above the bound.", "at most " + max);
    }
    if (!equal) {
      return Finding.at(where, Severity.NOTE, claim + " holds but is loose: the largest value of the "
          + c.activation() + "'s derivative is " + max + at + ".");
    }
    return Finding.at(where, Severity.NOTE, "confirmed: the " + c.activation() + "'s derivative is " + claim
        + " (its largest value is " + max + at + ").");
  }

  /**
   * A bound written as mathematics: {@code \\tanh'(z) \\le \\frac{1}{4}}, {@code |f'(z)| \\le \\frac12},
   * {@code \\sigma'(x) < 0.25}; a letter's derivative ({@code f'}, {@code \\phi'}) is the document's
   * activation's. Empty when the statement is no such bound.
   */
  static Optional<BoundClaim> ofMath(Statement s, String documentActivation, int offset) {
    if (!s.inequality() || s.sides().size() != 2) {
      return Optional.empty();
    }
    String rel = s.relation();
    boolean strict = rel.equals("<") || rel.equals("lt");
    if (!(strict || rel.equals("le") || rel.equals("leq") || rel.equals("leqslant"))) {
      return Optional.empty();
    }
    dev.unroll.expr.Expr left = s.sides().get(0);
    if (left instanceof dev.unroll.expr.Expr.Apply a && a.function().equals("abs") && a.arguments().size() == 1) {
      left = a.arguments().get(0);
    }
    String f = left instanceof dev.unroll.expr.Expr.Apply a ? a.function()
        : left instanceof dev.unroll.expr.Expr.Symbol sym ? sym.name() : "";
    if (!f.endsWith("'") || f.endsWith("''")) {
      return Optional.empty();
    }
    String base = f.substring(0, f.length() - 1).replace("\\", "");
    String activation = switch (base) {
      case "tanh" -> "tanh";
      case "sigma", "sigmoid" -> "sigmoid";
      case "relu", "ReLU" -> "relu";
      case "f", "g", "phi", "varphi", "psi" -> documentActivation;
      default -> "";
    };
    Optional<Double> bound = value(s.sides().get(1));
    if (activation.isEmpty() || activation.equals("identity") || bound.isEmpty()) {
      return Optional.empty();
    }
    String text = spelled(s.sides().get(1));
    return Optional.of(new BoundClaim(activation, strict ? "<" : "\\le", strict, bound.get(), text, offset));
  }

  /** The bound as written: {@code 1/4} for {@code \\frac{1}{4}}, the number itself otherwise. */
  private static String spelled(dev.unroll.expr.Expr e) {
    if (e instanceof dev.unroll.expr.Expr.Apply a && a.function().equals("frac") && a.arguments().size() == 2) {
      return "\\frac{" + spelled(a.arguments().get(0)) + "}{" + spelled(a.arguments().get(1)) + "}";
    }
    return e instanceof dev.unroll.expr.Expr.Apply a && a.arguments().isEmpty() ? a.function() : WrittenTex.of(e);
  }

  private static Optional<Double> value(dev.unroll.expr.Expr e) {
    if (e instanceof dev.unroll.expr.Expr.Num n) {
      return Optional.of((double) n.value());
    }
    if (e instanceof dev.unroll.expr.Expr.Apply a && a.arguments().isEmpty()) {
      return number(a.function());
    }
    if (e instanceof dev.unroll.expr.Expr.Apply a && a.function().equals("frac") && a.arguments().size() == 2) {
      Optional<Double> num = value(a.arguments().get(0));
      Optional<Double> den = value(a.arguments().get(1));
      return num.isPresent() && den.isPresent() && den.get() != 0 ? Optional.of(num.get() / den.get()) : Optional.empty();
    }
    return Optional.empty();
  }

  private static String activation(String written) {
    String w = written.toLowerCase(Locale.ROOT);
    return switch (w) {
      case "logistic", "sigmoid" -> "sigmoid";
      case "tanh", "hyperbolic tangent" -> "tanh";
      default -> "relu";
    };
  }

  private static Optional<Double> number(String text) {
    String t = text.toLowerCase(Locale.ROOT).replace(" ", "");
    if (t.contains("frac") || t.equals("onequarter") || t.equals("aquarter")) {
      return Optional.of(0.25);
    }
    if (t.equals("one")) {
      return Optional.of(1.0);
    }
    try {
      int slash = t.indexOf('/');
      if (slash > 0) {
        double d = Double.parseDouble(t.substring(slash + 1));
        return d == 0 ? Optional.empty() : Optional.of(Double.parseDouble(t.substring(0, slash)) / d);
      }
      return Optional.of(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
