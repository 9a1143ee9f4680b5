package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises how authors write an activation's derivative at one stage: {@code f'(z_k)},
 * {@code \tanh'(z_k)}, {@code \sigma'(z_k)}, {@code 1 - s_k^2}, {@code 1 - s_k \odot s_k},
 * {@code 1 - \tanh^2(z_k)}, {@code s_k \odot (1 - s_k)}, {@code s_k (1 - s_k)}.
 */
final class ActivationForms {
  private static final Set<String> DERIVATIVES = Set.of("f'", "g'", "tanh'", "sigma'", "sigmoid'", "relu'", "ReLU'");

  private ActivationForms() {}

  /** Which activation a recognised form belongs to: {@code 1 - s^2} is tanh's, {@code s (1 - s)} the sigmoid's. */
  static String activationOf(Expr e) {
    if (e instanceof Expr.Apply a) {
      return switch (a.function()) {
        case "tanh'" -> "tanh";
        case "sigma'", "sigmoid'" -> "sigmoid";
        case "relu'", "ReLU'" -> "relu";
        default -> "";
      };
    }
    return e instanceof Expr.Sum ? "tanh" : "sigmoid";
  }

  /** The stage k of an activation derivative written in one of the recognised forms. */
  static Optional<Time> stageOf(Expr e) {
    if (e instanceof Expr.Apply a && DERIVATIVES.contains(a.function()) && a.arguments().size() == 1
        && a.arguments().get(0) instanceof Expr.Symbol z && z.time().isPresent()) {
      return z.time();
    }
    if (e instanceof Expr.Sum s && s.terms().size() == 2 && s.terms().get(0) instanceof Expr.Num one
        && one.value() == 1 && s.terms().get(1) instanceof Expr.Negate n) {
      Expr sq = n.operand();
      if (sq instanceof Expr.Power p && p.exponent() == 2) {
        if (p.base() instanceof Expr.Symbol st && st.time().isPresent()) {
          return st.time();
        }
        if (p.base() instanceof Expr.Apply t && t.function().equals("tanh") && t.arguments().size() == 1
            && t.arguments().get(0) instanceof Expr.Symbol z && z.time().isPresent()) {
          return z.time();
        }
      }
      if (sq instanceof Expr.Apply pow && pow.function().equals("pow")) {
        return Optional.empty();
      }
      if (sq instanceof Expr.Hadamard h && h.left() instanceof Expr.Symbol a && a.equals(h.right()) && a.time().isPresent()) {
        return a.time();
      }
    }
    Expr left = null;
    Expr right = null;
    if (e instanceof Expr.Hadamard h) {
      left = h.left();
      right = h.right();
    } else if (e instanceof Expr.Product p && p.factors().size() == 2) {
      left = p.factors().get(0);
      right = p.factors().get(1);
    }
    if (left instanceof Expr.Symbol s && s.time().isPresent() && right instanceof Expr.Sum sum
        && sum.terms().size() == 2 && sum.terms().get(0) instanceof Expr.Num one && one.value() == 1
        && sum.terms().get(1) instanceof Expr.Negate n && n.operand().equals(s)) {
      return s.time();
    }
    return Optional.empty();
  }
}
