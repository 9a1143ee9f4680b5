package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.expr.Expr;
import java.util.HashMap;
import java.util.List;
import org.matheclipse.core.eval.exception.LimitException;
import org.matheclipse.core.eval.exception.SymjaMathException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The local derivatives of a cell's gates, derived by Symja rather than looked up: {@code D} of each
 * activation's definition, rewritten in the gate's output where the engine finds and proves such a
 * form ({@link ActivationDeriver}), and the softmax-with-cross-entropy gradient {@code o - y}, proved
 * once per instance ({@link SoftmaxCrossEntropyProof}).
 *
 * <p>Results are memoised per instance, so a lesson pays for each activation once. An instance holds
 * a {@link SymjaSession} and so belongs to the thread that made it.
 */
public final class SymjaCalculus implements LocalCalculus {
  private final SymjaSession session;
  private final Map<String, Activation> activations;
  private final Map<String, ActivationDerivative> derived = new HashMap<>();
  private SoftmaxCrossEntropyProof.Result softmax;

  /** @param activations the cell's activations by name, such as {@code cell.activations()} */
  public SymjaCalculus(Map<String, Activation> activations) {
    this(new SymjaSession(), activations);
  }

  public SymjaCalculus(SymjaSession session, Map<String, Activation> activations) {
    this.session = Objects.requireNonNull(session, "session");
    this.activations = new TreeMap<>(Objects.requireNonNull(activations, "activations"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>tanh gives {@code 1 - s^2}, the sigmoid {@code s ⊙ (1 - s)}, identity {@code 1}, relu
   * {@code step(s)}; see {@link #derivative(String)} for how each is found.
   */
  @Override
  public Expr activationDerivative(String activation, Expr output, Expr input) {
    return derivative(activation).at(output, input);
  }

  /**
   * What Symja found for an activation, with how it was proved.
   *
   * @throws IllegalArgumentException if the cell has no such activation or Symja cannot handle it
   */
  public ActivationDerivative derivative(String activation) {
    ActivationDerivative known = derived.get(activation);
    if (known != null) {
      return known;
    }
    Activation a = activations.get(activation);
    if (a == null) {
      throw new IllegalArgumentException("Unknown activation '" + activation + "'; known: "
          + String.join(", ", activations.keySet()) + ".");
    }
    ActivationDerivative found;
    try {
      found = session.limited(ActivationDeriver.TIME_LIMIT,
          "derive the activation " + a.name() + "(" + a.argument() + ") = " + a.definition(),
          () -> new ActivationDeriver(session).derive(a));
    } catch (SymjaMathException | StackOverflowError e) {
      // Symja's own failures on a user's expression (an iteration or recursion limit, an argument of the
      // wrong type) are bad input, said in the activation's terms, never Symja's class names.
      throw new IllegalArgumentException("The activation " + a.name() + "(" + a.argument() + ") = " + a.definition()
          + " cannot be evaluated: " + symjaReason(e) + ".", e);
    }
    derived.put(activation, found);
    return found;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The definition as Symja reads and evaluates it, translated like an input-form derivative
   * ({@link ExprTranslator}): {@code 1/(1+Exp(-z))} becomes {@code (1 + exp(-z))^{-1}}.
   */
  @Override
  public Expr activation(String activation, Expr input) {
    return definition(activation).at(input);
  }

  /** An activation's definition as an expression of {@link ActivationDerivative#INPUT}. */
  public ActivationDefinition definition(String activation) {
    Activation a = activations.get(activation);
    if (a == null) {
      throw new IllegalArgumentException("Unknown activation '" + activation + "'; known: "
          + String.join(", ", activations.keySet()) + ".");
    }
    org.matheclipse.core.interfaces.IExpr read = session.eval(session.parseDefinition(a.definition()));
    Expr template = new ExprTranslator(org.matheclipse.core.expression.F.symbol(a.argument()), ActivationDerivative.INPUT)
        .translate(read);
    return new ActivationDefinition(activation, template);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if Symja fails to prove the identity (it never should)
   */
  @Override
  public Expr softmaxCrossEntropyGradient(Expr probabilities, Expr target) {
    softmaxProof();
    return new Expr.Sum(List.of(probabilities, new Expr.Negate(target)));
  }

  /** The proof behind {@link #softmaxCrossEntropyGradient}, run on first use. */
  public SoftmaxCrossEntropyProof.Result softmaxProof() {
    if (softmax == null) {
      softmax = new SoftmaxCrossEntropyProof(session).prove();
    }
    return softmax;
  }

  /** The session the derivatives are computed in, for a cross-check to share. */
  public SymjaSession session() {
    return session;
  }

  /** Symja's message without its trailing period, or what kind of limit was hit when it has none. */
  static String symjaReason(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "it nests too deeply";
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e instanceof LimitException ? "it exceeds Symja's evaluation limits" : "Symja cannot evaluate it";
    }
    m = m.strip().lines().findFirst().orElse("").strip();
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
  }
}
