package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state's recurrence in the document's own network, when it is {@code s_t = f(W s_{t-1} + terms
 * without a past value)}, written directly or through a named pre-activation ({@code a_t = ...},
 * {@code s_t = \phi(a_t)}): the state, its one recurrent weight, the activation, and the largest value of
 * the activation's derivative ({@code |\tanh'| \le 1}, {@code |\sigma'| \le 1/4}, identity and ReLU 1),
 * which is what {@link NormBounds} needs to prove a bound.
 */
record Recurrence(String state, String weight, String activation, double derivativeBound) {
  /** The state's recurrence, read from the network's equations; empty when it is not of this form. */
  static Optional<Recurrence> of(AuthorNetwork n) {
    for (Map.Entry<String, Expr> e : n.staged.entrySet()) {
      Expr rhs = e.getValue();
      String activation = "the identity";
      double gamma = 1;
      if (rhs instanceof Expr.Apply a && a.arguments().size() == 1) {
        switch (n.letters.getOrDefault(a.function(), a.function())) {
          case "tanh" -> activation = "tanh";
          case "sigma", "sigmoid" -> {
            activation = "the logistic sigmoid";
            gamma = 0.25;
          }
          case "relu" -> activation = "ReLU";
          case "identity" -> activation = "the identity";
          default -> {
            continue;
          }
        }
        rhs = a.arguments().get(0);
        if (rhs instanceof Expr.Symbol pre && pre.time().isPresent() && pre.time().get().offset() == 0
            && n.staged.containsKey(pre.name())) {
          rhs = n.staged.get(pre.name());
        }
      }
      List<Expr> terms = rhs instanceof Expr.Sum s ? s.terms() : List.of(rhs);
      String weight = null;
      int recurrent = 0;
      for (Expr t : terms) {
        if (!AdHocDeltas.any(t, x -> x instanceof Expr.Symbol s && s.time().isPresent() && s.time().get().offset() < 0)) {
          continue;
        }
        recurrent++;
        if (t instanceof Expr.Product p && p.factors().size() == 2) {
          Expr a = p.factors().get(n.rows ? 1 : 0);
          Expr b = p.factors().get(n.rows ? 0 : 1);
          if (a instanceof Expr.Symbol w && w.time().isEmpty() && n.paramLeaves.contains(w.name()) && AuthorNetwork.capital(w.name())
              && b instanceof Expr.Symbol s && s.name().equals(e.getKey()) && s.time().isPresent() && s.time().get().offset() == -1) {
            weight = w.name();
          }
        }
      }
      if (recurrent == 1 && weight != null) {
        return Optional.of(new Recurrence(e.getKey(), weight, activation, gamma));
      }
    }
    return Optional.empty();
  }
}
