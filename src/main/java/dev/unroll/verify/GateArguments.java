package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of a gate's activation that a document names by the gate's letter without an equation
 * of their own: "write {@code a^f_t} and {@code a^i_t} for the arguments of the sigmoid in the forget
 * and input gates", then {@code \partial L / \partial a^i_t}. A value {@code X^g} at a time, where
 * {@code g} is a value the forward equations define as one activation of an argument
 * ({@code g_t = \sigma(W_{ig} x_t + ...)}) and no equation defines {@code X^g}, is that argument: the
 * gate's equation becomes two, {@code X^g_t = argument} and {@code g_t = \sigma(X^g_t)}, so claims
 * about it are judged in the cell like any other value. The superscript is the gate's name as the
 * forward equations write it, so {@code a^i} is read only in a document that defines {@code i_t}.
 */
final class GateArguments {
  /** A named argument: its name, the gate it feeds, the argument, and the gate's equation rewritten to use it. */
  record Argument(String name, String gate, Expr argument, Expr gateRhs) {}

  private GateArguments() {}

  /**
   * The arguments the statements name.
   *
   * @param forward each forward value's right side (already in column form), by the author's name
   * @param time the forward equations' time variable
   */
  static List<Argument> named(Map<String, Expr> forward, String time, List<Statement> statements) {
    Set<String> names = new TreeSet<>();
    for (Statement s : statements) {
      for (Expr side : s.sides()) {
        Rewrite.bottomUp(side, x -> {
          if (x instanceof Expr.Symbol sym && sym.time().isPresent() && sym.name().indexOf('^') > 0) {
            names.add(sym.name());
          }
          return x;
        });
      }
    }
    List<Argument> out = new ArrayList<>();
    for (String name : names) {
      String gate = name.substring(name.lastIndexOf('^') + 1);
      if (forward.containsKey(name) || !forward.containsKey(gate)) {
        continue;
      }
      activationArgument(forward.get(gate)).ifPresent(a -> out.add(new Argument(name, gate, a.arguments().get(0),
          new Expr.Apply(a.function(), List.of(new Expr.Symbol(name, Optional.of(new Time(time, 0)), Expr.Role.INTERMEDIATE))))));
    }
    return out;
  }

  /** The gate's right side when it is one activation applied to an argument. */
  private static Optional<Expr.Apply> activationArgument(Expr rhs) {
    return rhs instanceof Expr.Apply a && a.arguments().size() == 1 && !a.function().equals("softmax")
        && !(a.arguments().get(0) instanceof Expr.Symbol) ? Optional.of(a) : Optional.empty();
  }
}
