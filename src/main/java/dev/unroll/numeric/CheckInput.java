package dev.unroll.numeric;

import dev.unroll.derive.Derivation;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.expr.Expr;
import dev.unroll.unroll.UnrolledGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one numeric check compares: a graph and params, the loss, and the derived sums to evaluate.
 *
 * @param derivations the engine's derivations (any subset of the parameters; empty skips the derived sum)
 * @param concreteForms the concrete-form sum per parameter name ({@code Forms.concreteSum}); may be empty
 * @param matrixForms the matrix-form sum per parameter name ({@code Forms.matrixSum}); may be empty
 * @param closedForms the closed form's recurrence per parameter name ({@code Forms.recurrence}, over
 *     the graph's stages), evaluated in linear time; may be empty
 * @param sample entries per parameter for automatic differentiation and finite differences;
 *     0 chooses by cost ({@link NumericCheck#autoSample}), {@code Integer.MAX_VALUE} means all
 * @param sampleSeed which entries a sample draws
 * @param finiteDifferences whether to run finite differences at all
 * @param adjointForm the engine's adjoint equations and the gradients written with them; with no
 *     gradients the adjoint form is skipped
 */
public record CheckInput(UnrolledGraph graph, Params params, LossKind loss, List<Derivation> derivations,
    Map<String, Expr> concreteForms, Map<String, Expr> matrixForms, Map<String, Recurrence> closedForms, int sample,
    long sampleSeed, boolean finiteDifferences, AdjointForm adjointForm) {

  public CheckInput {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(adjointForm, "adjointForm");
    derivations = List.copyOf(derivations);
    concreteForms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(concreteForms));
    matrixForms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(matrixForms));
    closedForms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(closedForms));
    if (sample < 0) {
      throw new IllegalArgumentException("--sample must be 0 (automatic) or positive, got " + sample + ".");
    }
    for (Derivation d : derivations) {
      if (d.graph() != graph) {
        throw new IllegalArgumentException("The derivation of " + d.parameterName() + " was made on another unrolled graph ("
            + d.graph().steps() + " stages); check it on its own graph, derivation.graph().");
      }
      if (d.loss() != loss) {
        throw new IllegalArgumentException("The derivation of " + d.parameterName() + " is of the " + d.loss().spelled()
            + " loss but the check is of the " + loss.spelled() + " loss.");
      }
    }
  }

  /** No adjoint form: the check skips that source. */
  public static final AdjointForm NO_ADJOINTS = new AdjointForm(List.of(), Map.of());

  /** Backward pass, derived sums of {@code derivations}, automatic differentiation and finite differences, sampled by cost. */
  public static CheckInput of(UnrolledGraph graph, Params params, LossKind loss, List<Derivation> derivations) {
    return new CheckInput(graph, params, loss, derivations, Map.of(), Map.of(), Map.of(), 0, 1, true, NO_ADJOINTS);
  }

  public CheckInput withForms(Map<String, Expr> concrete, Map<String, Expr> matrix) {
    return new CheckInput(graph, params, loss, derivations, concrete, matrix, closedForms, sample, sampleSeed,
        finiteDifferences, adjointForm);
  }

  public CheckInput withClosedForms(Map<String, Recurrence> closed) {
    return new CheckInput(graph, params, loss, derivations, concreteForms, matrixForms, closed, sample, sampleSeed,
        finiteDifferences, adjointForm);
  }

  public CheckInput withAdjointForm(AdjointForm form) {
    return new CheckInput(graph, params, loss, derivations, concreteForms, matrixForms, closedForms, sample, sampleSeed,
        finiteDifferences, form);
  }

  public CheckInput withSample(int perParameter, long seed) {
    return new CheckInput(graph, params, loss, derivations, concreteForms, matrixForms, closedForms, perParameter, seed,
        finiteDifferences, adjointForm);
  }
}
