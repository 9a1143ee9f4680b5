package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.expr.Expr;
import java.util.HashMap;
import java.util.List;
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
    ActivationDerivative found = session.limited(ActivationDeriver.TIME_LIMIT,
        "derive the activation " + a.name() + "(" + a.argument() + ") = " + a.definition(), () -> new ActivationDeriver(session).derive(a));
    derived.put(activation, found);
    return found;
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
}
