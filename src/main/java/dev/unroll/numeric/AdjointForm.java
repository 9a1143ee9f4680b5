package dev.unroll.numeric;

import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.expr.Expr;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's adjoint equations as expressions, ready to evaluate: {@code equations} in the order
 * one computes them (every consumer's adjoint before the values it leads to), each a left-hand side
 * {@code \partial E/\partial v} and its right-hand side, which may name adjoints computed earlier;
 * {@code gradients} the gradient of each parameter written with those adjoints
 * ({@code Adjoints.gradient}). Linear in the number of stages for any cell.
 */
public record AdjointForm(List<Equation> equations, Map<String, Expr> gradients) {
  public AdjointForm {
    equations = List.copyOf(equations);
    gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
  }

  /** The equations of {@code s} in its order and the gradient of every parameter, as {@code adjoints} writes them. */
  public static AdjointForm of(AdjointSystem s, Adjoints adjoints) {
    List<Equation> equations = new ArrayList<>();
    for (AdjointSystem.Adjoint a : s.adjoints()) {
      equations.add(new Equation(adjoints.lhs(s, a.variable()), adjoints.rhs(s, a)));
    }
    Map<String, Expr> gradients = new LinkedHashMap<>();
    for (Node p : s.graph().nodes()) {
      if (p.op() == Op.PARAM) {
        String name = p.name().orElseThrow().name();
        gradients.put(name, adjoints.gradient(s, name));
      }
    }
    return new AdjointForm(equations, gradients);
  }

  /** One adjoint equation {@code lhs = rhs}. */
  public record Equation(Expr lhs, Expr rhs) {
    public Equation {
      Objects.requireNonNull(lhs, "lhs");
      Objects.requireNonNull(rhs, "rhs");
    }
  }
}
