package dev.unroll.numeric;

import dev.unroll.derive.Derivation;
import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.linear.RealMatrix;

/**
 * The check stage: computes the gradient of the loss with respect to every parameter by every source
 * (backward pass, the derived sum, its concrete and matrix forms when given, finite differences) and
 * measures each against forward-mode automatic differentiation on the same weights. A derived sum
 * that fails is diagnosed down to the term.
 *
 * <p>Usage from the lesson pipeline:
 * <pre>{@code
 * Params p = new ParamsGenerator(cell).generate(1, Map.of("H", 4, "D", 3, "K", 3), graph.steps(), "tanh");
 * CheckReport r = new NumericCheck().run(CheckInput.of(graph, p, LossKind.LAST, List.of(derivationOfW))
 *     .withForms(Map.of("W", Forms.concreteSum(d)), Map.of("W", Forms.matrixSum(d))));
 * }</pre>
 */
public final class NumericCheck {
  /** Above this many (entries x entries x stages), automatic differentiation samples entries. */
  static final double FULL_BUDGET = 1e7;
  /** Work a sample may cost: (sampled entries) x (entries x stages). */
  static final double SAMPLE_BUDGET = 2e8;

  public CheckReport run(CheckInput in) {
    Params params = in.params();
    Backprop.Result bp = new Backprop().run(in.graph(), params, in.loss());
    Tape tape = bp.tape();
    Map<String, RealMatrix> weights = params.weights();
    int perParameter = in.sample() == 0 ? autoSample(params) : in.sample();
    EntrySample sample = perParameter == Integer.MAX_VALUE ? EntrySample.all(weights)
        : EntrySample.sampled(weights, perParameter, in.sampleSeed());
    Map<String, double[]> ad = new AutoDiff().gradients(in.graph(), params, in.loss(), sample);

    List<Discrepancy> comparisons = new ArrayList<>();
    List<Diagnosis> diagnoses = new ArrayList<>();
    List<Source> sources = new ArrayList<>(List.of(Source.BACKWARD_PASS));
    Map<Source, String> skipped = new LinkedHashMap<>();
    bp.gradients().forEach((name, g) -> comparisons.add(compare(Source.BACKWARD_PASS, name, g, sample, ad)));

    TermDiagnosis diagnosis = new TermDiagnosis(tape);
    Map<String, Derivation> byParam = new LinkedHashMap<>();
    in.derivations().forEach(d -> byParam.put(d.parameterName(), d));
    if (in.derivations().isEmpty()) {
      skipped.put(Source.DERIVED_SUM, "no derivation was given");
    } else {
      sources.add(Source.DERIVED_SUM);
      DerivedSum derived = new DerivedSum();
      for (Derivation d : in.derivations()) {
        Discrepancy c = compare(Source.DERIVED_SUM, d.parameterName(), derived.evaluate(d, tape), sample, ad);
        comparisons.add(c);
        if (!c.passed()) {
          List<RealMatrix> terms = d.terms().stream().map(t -> derived.term(t, tape)).toList();
          diagnosis.diagnose(Source.DERIVED_SUM, d, terms, c.worst()).ifPresent(diagnoses::add);
        }
      }
    }
    forms(Source.CONCRETE_FORM, in.concreteForms(), tape, sample, ad, byParam, diagnosis, comparisons, diagnoses, sources);
    forms(Source.MATRIX_FORM, in.matrixForms(), tape, sample, ad, byParam, diagnosis, comparisons, diagnoses, sources);
    if (!in.adjointForm().gradients().isEmpty()) {
      sources.add(Source.ADJOINT_FORM);
      new AdjointEvaluator().gradients(in.adjointForm(), tape).forEach((name, g) ->
          comparisons.add(compare(Source.ADJOINT_FORM, name, g, sample, ad)));
    }
    if (!in.closedForms().isEmpty()) {
      sources.add(Source.CLOSED_FORM);
      ClosedFormEvaluator closed = new ClosedFormEvaluator(tape);
      in.closedForms().forEach((name, r) ->
          comparisons.add(compare(Source.CLOSED_FORM, name, closed.evaluate(r, in.loss()), sample, ad)));
    }
    if (in.finiteDifferences()) {
      sources.add(Source.FINITE_DIFFERENCES);
      Map<String, double[]> fd = new FiniteDifferences().gradients(in.graph(), params, in.loss(), sample);
      fd.forEach((name, values) -> comparisons.add(Discrepancy.measure(Source.FINITE_DIFFERENCES, name,
          sample.entries().get(name), values, ad.get(name))));
    } else {
      skipped.put(Source.FINITE_DIFFERENCES, "turned off");
    }
    sources.add(Source.AUTOMATIC_DIFFERENTIATION);
    List<String> order = new ArrayList<>(weights.keySet());
    comparisons.sort(Comparator.comparingInt((Discrepancy c) -> order.indexOf(c.parameter())).thenComparing(Discrepancy::source));
    return new CheckReport(in.graph().cell().name(), params.activation(), in.loss(), params.sizes(), params.steps(),
        bp.loss(), bp.gradients(), sources, sample.describe(weights), comparisons, diagnoses, skipped);
  }

  /**
   * Entries per parameter for the references: {@code Integer.MAX_VALUE} (all) while automatic
   * differentiation of every entry costs at most {@link #FULL_BUDGET}, else as many as
   * {@link #SAMPLE_BUDGET} allows, from 2 to 64.
   */
  public static int autoSample(Params params) {
    double entries = params.entryCount();
    double work = entries * params.steps();
    if (entries * work <= FULL_BUDGET) {
      return Integer.MAX_VALUE;
    }
    long perParameter = Math.round(SAMPLE_BUDGET / (work * params.weights().size()));
    return (int) Math.max(2, Math.min(64, perParameter));
  }

  private static void forms(Source source, Map<String, Expr> forms, Tape tape, EntrySample sample, Map<String, double[]> ad,
      Map<String, Derivation> byParam, TermDiagnosis diagnosis, List<Discrepancy> comparisons, List<Diagnosis> diagnoses,
      List<Source> sources) {
    if (forms.isEmpty()) {
      return;
    }
    sources.add(source);
    ExprEvaluator evaluator = new ExprEvaluator(tape);
    for (Map.Entry<String, Expr> f : forms.entrySet()) {
      String name = f.getKey();
      RealMatrix w = tape.weight(name);
      RealMatrix value = evaluator.evaluate(f.getValue());
      if (value.getRowDimension() != w.getRowDimension() || value.getColumnDimension() != w.getColumnDimension()) {
        throw new IllegalArgumentException("The " + source.label() + " of d/d" + name + " evaluates to a "
            + value.getRowDimension() + " x " + value.getColumnDimension() + " matrix, but " + name + " is "
            + w.getRowDimension() + " x " + w.getColumnDimension() + ".");
      }
      Discrepancy c = compare(source, name, value, sample, ad);
      comparisons.add(c);
      Derivation d = byParam.get(name);
      if (!c.passed() && d != null) {
        List<RealMatrix> terms = ExprEvaluator.terms(f.getValue()).stream().map(evaluator::evaluate).toList();
        Optional<Diagnosis> found = diagnosis.diagnose(source, d, terms, c.worst());
        found.ifPresent(diagnoses::add);
      }
    }
  }

  private static Discrepancy compare(Source source, String name, RealMatrix g, EntrySample sample, Map<String, double[]> ad) {
    List<EntrySample.Entry> at = sample.entries().get(name);
    double[] values = new double[at.size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = g.getEntry(at.get(k).row(), at.get(k).col());
    }
    return Discrepancy.measure(source, name, at, values, ad.get(name));
  }
}
