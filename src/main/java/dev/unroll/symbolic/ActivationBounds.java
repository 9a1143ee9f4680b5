package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import dev.unroll.cell.CellLibrary;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Computes the largest absolute value of an activation's derivative with Symja, for checking what
 * lessons say about it ("the sigmoid's derivative is always less than 0.25"): the maximum, where it
 * is attained, and whether it is attained at all (a supremum approached only at infinity makes a
 * strict "less than" true).
 *
 * <p>The activation's definition comes from {@code activations.cell}. The derivative is taken with
 * {@code D} and maximised with {@code Maximize}; unless the derivative is positive at every sample
 * point (-3, -1/2, 0, 1/2, 3: a check, not a proof, made to spare the slow {@code Minimize} for the
 * monotone activations), {@code -Minimize} is compared too so that a negative derivative counts by its
 * size. When Symja cannot decide (relu's derivative of
 * {@code Max[0, z]} stays unevaluated) the answer is empty rather than a guess.
 *
 * <p>The {@link SymjaSession} is created on first use, so a file with no such claim never pays
 * Symja's cold start, and belongs to the thread that first asks.
 */
public final class ActivationBounds implements DerivativeBounds {
  /** The maximum of |f'| over the reals. */
  public record Bound(String activation, String maximum, double value, String argument, boolean attained) {
    public Bound {
      Objects.requireNonNull(activation, "activation");
      Objects.requireNonNull(maximum, "maximum");
      Objects.requireNonNull(argument, "argument");
    }
  }

  private final Map<String, Activation> activations;
  private SymjaSession session;

  public ActivationBounds() {
    this.activations = CellLibrary.builtInActivations();
  }

  @Override
  public Optional<Bound> maxAbsDerivative(String activation) {
    Activation a = activations.get(activation);
    if (a == null) {
      return Optional.empty();
    }
    SymjaSession ev = session();
    String z = a.argument();
    String derivative = "D[" + SymjaSession.strictCalls(a.definition()) + ", " + z + "]";
    IExpr d = ev.eval(derivative);
    if (d.toString().contains("Derivative")) {
      // Symja leaves the derivative unevaluated (relu's Max[0, z]): nothing to maximise.
      return Optional.empty();
    }
    if (d.isNumber()) {
      // A constant derivative (the identity's 1) is its own maximum, attained everywhere.
      return Optional.of(new Bound(activation, d.toString(), Math.abs(d.evalf()), "any z", true));
    }
    IExpr max = ev.eval("Maximize[" + derivative + ", " + z + "]");
    Optional<Bound> upper = bound(activation, max, false);
    // A derivative positive everywhere (tanh, sigmoid) has |f'| = f': Minimize, the slow half, is skipped.
    if (upper.isPresent() && derivativeIsPositive(ev, derivative, z)) {
      return upper;
    }
    IExpr min = ev.eval("Minimize[" + derivative + ", " + z + "]");
    Optional<Bound> lower = bound(activation, min, true);
    if (upper.isPresent() && lower.isPresent()) {
      return Optional.of(upper.get().value() >= lower.get().value() ? upper.get() : lower.get());
    }
    return Optional.empty();
  }

  /** {@code {value, {z -> c}}} from Maximize or Minimize; {@code negate} for a minimum. */
  private Optional<Bound> bound(String activation, IExpr result, boolean negate) {
    if (!(result instanceof IAST list) || !list.isList() || list.argSize() != 2) {
      return Optional.empty();
    }
    IExpr value = list.arg1();
    IExpr rules = list.arg2();
    SymjaSession ev = session();
    double numeric;
    try {
      numeric = ev.eval("N[" + (negate ? "-(" + value + ")" : value.toString()) + "]").evalf();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    String argument = rules instanceof IAST r && r.isList() && r.argSize() == 1 && r.arg1().isRuleAST()
        ? ((IAST) r.arg1()).arg2().toString() : "";
    IExpr exact = negate ? ev.eval("-(" + value + ")") : value;
    return Optional.of(new Bound(activation, exact.toString(), Math.abs(numeric), argument, !argument.isEmpty()));
  }

  /** Whether the derivative is positive at a few points, so that its maximum is the maximum of its size. */
  private static boolean derivativeIsPositive(SymjaSession ev, String derivative, String z) {
    for (String point : new String[] {"-3", "-1/2", "0", "1/2", "3"}) {
      IExpr v = ev.eval("N[ReplaceAll[" + derivative + ", " + z + " -> " + point + "]]");
      if (!v.isNumber() || v.evalf() <= 0) {
        return false;
      }
    }
    return true;
  }


  private SymjaSession session() {
    if (session == null) {
      session = new SymjaSession();
    }
    return session;
  }

}
