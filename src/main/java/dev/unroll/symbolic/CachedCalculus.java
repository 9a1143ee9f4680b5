package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.expr.Expr;
import dev.unroll.expr.ExprText;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link SymjaCalculus} behind an {@link AnswerCache}: each question (an activation's definition, the
 * softmax-with-cross-entropy identity) is put to Symja once and its answer remembered, so a later run
 * that asks the same question starts no Symja at all. The Symja calculus is made only when a question
 * is not in the cache.
 */
public final class CachedCalculus implements LocalCalculus {
  private final AnswerCache cache;
  private final Map<String, Activation> activations;
  private final Supplier<SymjaCalculus> symja;
  private SymjaCalculus made;

  /** @param symja makes the Symja calculus on first need (it costs Symja's start) */
  public CachedCalculus(AnswerCache cache, Map<String, Activation> activations, Supplier<SymjaCalculus> symja) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.activations = new TreeMap<>(activations);
    this.symja = Objects.requireNonNull(symja, "symja");
  }

  @Override
  public Expr activationDerivative(String activation, Expr output, Expr input) {
    Activation a = activations.get(activation);
    if (a == null) {
      throw new IllegalArgumentException("Unknown activation '" + activation + "'; known: "
          + String.join(", ", activations.keySet()) + ".");
    }
    String question = "activation-derivative\n" + a.name() + "(" + a.argument() + ") = " + a.definition();
    Optional<Expr> known = cache.get(question).flatMap(CachedCalculus::read);
    Expr template = known.orElseGet(() -> {
      Expr found = symja().derivative(activation).template();
      cache.put(question, ExprText.write(found));
      return found;
    });
    return dev.unroll.expr.Rewrite.bottomUp(template,
        x -> x.equals(ActivationDerivative.OUTPUT) ? output : x.equals(ActivationDerivative.INPUT) ? input : x);
  }

  /** {@inheritDoc} Symja's reading of the definition, remembered like a derivative. */
  @Override
  public Expr activation(String activation, Expr input) {
    Activation a = activations.get(activation);
    if (a == null) {
      throw new IllegalArgumentException("Unknown activation '" + activation + "'; known: "
          + String.join(", ", activations.keySet()) + ".");
    }
    String question = "activation-definition\n" + a.name() + "(" + a.argument() + ") = " + a.definition();
    Optional<Expr> known = cache.get(question).flatMap(CachedCalculus::read);
    Expr template = known.orElseGet(() -> {
      Expr found = symja().definition(activation).template();
      cache.put(question, ExprText.write(found));
      return found;
    });
    return new ActivationDefinition(activation, template).at(input);
  }

  @Override
  public Expr softmaxCrossEntropyGradient(Expr probabilities, Expr target) {
    String question = "softmax-cross-entropy-gradient\nd/dq_i of -log(softmax(q)_y) = o_i - [i = y]";
    if (!cache.get(question).map(answer -> answer.startsWith("proved")).orElse(false)) {
      SoftmaxCrossEntropyProof.Result proof = symja().softmaxProof();
      cache.put(question, "proved for K = " + proof.classes());
    }
    return new Expr.Sum(List.of(probabilities, new Expr.Negate(target)));
  }

  private SymjaCalculus symja() {
    if (made == null) {
      made = symja.get();
    }
    return made;
  }

  private static Optional<Expr> read(String text) {
    try {
      return Optional.of(ExprText.read(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a damaged entry is recomputed, not believed
    }
  }
}
