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
    List<String> notes = new ArrayList<>();
    Map<String, double[]> ad = reference(in, bp, sample, notes);
    Map<String, Double> floors = Floors.exact(in.graph(), params, in.loss(), bp.gradients(), sample);

    List<Discrepancy> comparisons = new ArrayList<>();
    List<Diagnosis> diagnoses = new ArrayList<>();
    List<Source> sources = new ArrayList<>(List.of(Source.BACKWARD_PASS));
    Map<Source, String> skipped = new LinkedHashMap<>();
    bp.gradients().forEach((name, g) -> comparisons.add(compare(Source.BACKWARD_PASS, name, g, sample, ad, floors)));

    TermDiagnosis diagnosis = new TermDiagnosis(tape);
    Map<String, Derivation> byParam = new LinkedHashMap<>();
    in.derivations().forEach(d -> byParam.put(d.parameterName(), d));
    if (in.derivations().isEmpty()) {
      skipped.put(Source.DERIVED_SUM, "no derivation was given");
    } else {
      sources.add(Source.DERIVED_SUM);
      DerivedSum derived = new DerivedSum();
      for (Derivation d : in.derivations()) {
        Discrepancy c = compare(Source.DERIVED_SUM, d.parameterName(), derived.evaluate(d, tape), sample, ad, floors);
        comparisons.add(c);
        if (!c.passed()) {
          List<RealMatrix> terms = d.terms().stream().map(t -> derived.term(t, tape)).toList();
          diagnosis.diagnose(Source.DERIVED_SUM, d, terms, c.worst()).ifPresent(diagnoses::add);
        }
      }
    }
    forms(Source.CONCRETE_FORM, in.concreteForms(), tape, sample, ad, floors, byParam, diagnosis, comparisons, diagnoses, sources);
    forms(Source.MATRIX_FORM, in.matrixForms(), tape, sample, ad, floors, byParam, diagnosis, comparisons, diagnoses, sources);
    if (!in.adjointForm().gradients().isEmpty()) {
      sources.add(Source.ADJOINT_FORM);
      new AdjointEvaluator().gradients(in.adjointForm(), tape).forEach((name, g) ->
          comparisons.add(compare(Source.ADJOINT_FORM, name, g, sample, ad, floors)));
    }
    if (!in.closedForms().isEmpty()) {
      sources.add(Source.CLOSED_FORM);
      ClosedFormEvaluator closed = new ClosedFormEvaluator(tape);
      in.closedForms().forEach((name, r) ->
          comparisons.add(compare(Source.CLOSED_FORM, name, closed.evaluate(r, in.loss()), sample, ad, floors)));
    }
    if (in.finiteDifferences()) {
      sources.add(Source.FINITE_DIFFERENCES);
      FiniteDifferences.Result fd = new FiniteDifferences().run(in.graph(), params, in.loss(), sample);
      fd.values().forEach((name, values) -> comparisons.add(finiteDifferences(name, sample.entries().get(name), values,
          fd.errors().get(name), ad.get(name), floors.get(name))));
      fd.excluded().forEach((name, entries) -> notes.add("finite differences: " + entries.size() + " of "
          + sample.entries().get(name).size() + " entries of " + name + " excluded, every step crossing a kink of a piecewise"
          + " activation (the loss is not smooth there): " + String.join(", ", entries.stream()
              .map(e -> name + "[" + e.row() + "][" + e.col() + "]").toList()) + "."));
    } else {
      skipped.put(Source.FINITE_DIFFERENCES, "turned off");
    }
    sources.add(Source.AUTOMATIC_DIFFERENTIATION);
    List<String> order = new ArrayList<>(weights.keySet());
    comparisons.sort(Comparator.comparingInt((Discrepancy c) -> order.indexOf(c.parameter())).thenComparing(Discrepancy::source));
    return new CheckReport(in.graph().cell().name(), params.activation(), in.loss(), params.sizes(), params.steps(),
        bp.loss(), bp.gradients(), sources, sample.describe(weights), comparisons, diagnoses, skipped, notes);
  }

  /**
   * Forward-mode automatic differentiation on doubles; entries whose derivative came out below
   * {@link AutoDiff#TINY} or not finite where the backward pass's is a normal number are taken again
   * with a seed scaled by a power of two ({@link AutoDiff#scaled}), and a note says how many.
   */
  private static Map<String, double[]> reference(CheckInput in, Backprop.Result bp, EntrySample sample, List<String> notes) {
    Map<String, double[]> ad = new AutoDiff().gradients(in.graph(), in.params(), in.loss(), sample);
    Map<String, List<EntrySample.Entry>> again = new LinkedHashMap<>();
    Map<String, List<Integer>> where = new LinkedHashMap<>();
    sample.entries().forEach((name, entries) -> {
      for (int k = 0; k < entries.size(); k++) {
        double r = ad.get(name)[k];
        double g = bp.gradients().get(name).getEntry(entries.get(k).row(), entries.get(k).col());
        boolean lost = !Double.isFinite(r) || Math.abs(r) < AutoDiff.TINY && Math.abs(g) >= Double.MIN_NORMAL;
        if (lost) {
          again.computeIfAbsent(name, x -> new ArrayList<>()).add(entries.get(k));
          where.computeIfAbsent(name, x -> new ArrayList<>()).add(k);
        }
      }
    });
    if (again.isEmpty()) {
      return ad;
    }
    // Seed each lost entry with 2^k, k as large as the backward pass's value is small; halve k while
    // a partial product overflows.
    Map<String, double[]> out = new LinkedHashMap<>();
    ad.forEach((name, values) -> out.put(name, values.clone()));
    again.forEach((name, entries) -> {
      for (int i = 0; i < entries.size(); i++) {
        EntrySample.Entry e = entries.get(i);
        double g = Math.abs(bp.gradients().get(name).getEntry(e.row(), e.col()));
        int exponent = g >= Double.MIN_NORMAL ? Math.min(1000, Math.max(0, -Math.getExponent(g))) : 0;
        double value = Double.NaN;
        for (; exponent > 0; exponent /= 2) {
          value = new AutoDiff().scaled(in.graph(), in.params(), in.loss(), Map.of(name, List.of(e)), exponent).get(name)[0];
          if (Double.isFinite(value) && value != 0) {
            break;
          }
        }
        out.get(name)[where.get(name).get(i)] = value;
      }
    });
    int count = again.values().stream().mapToInt(List::size).sum();
    notes.add("automatic differentiation: " + count + " entr" + (count == 1 ? "y" : "ies") + " whose double derivative fell below "
        + AutoDiff.TINY + " (underflow) or overflowed, taken again with a seed of 2^k instead of 1: " + String.join(", ",
            again.entrySet().stream().flatMap(e -> e.getValue().stream().map(x -> e.getKey() + "[" + x.row() + "][" + x.col() + "]"))
                .toList()) + ".");
    return out;
  }

  /** Finite differences against the reference on the entries they were not excluded from; floor: their own error estimate. */
  private static Discrepancy finiteDifferences(String name, List<EntrySample.Entry> at, double[] values, double[] errors,
      double[] reference, double exactFloor) {
    List<EntrySample.Entry> kept = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    for (int k = 0; k < at.size(); k++) {
      if (!Double.isNaN(values[k])) {
        kept.add(at.get(k));
        index.add(k);
      }
    }
    double[] v = index.stream().mapToDouble(k -> values[k]).toArray();
    double[] r = index.stream().mapToDouble(k -> reference[k]).toArray();
    double[] e = index.stream().mapToDouble(k -> errors[k]).toArray();
    return Discrepancy.measure(Source.FINITE_DIFFERENCES, name, kept, v, r, exactFloor + FD_SAFETY * Floors.norm(e));
  }

  /** How many times their own error estimate finite differences may be off. */
  static final double FD_SAFETY = 2;

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
      Map<String, Double> floors, Map<String, Derivation> byParam, TermDiagnosis diagnosis, List<Discrepancy> comparisons, List<Diagnosis> diagnoses,
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
      Discrepancy c = compare(source, name, value, sample, ad, floors);
      comparisons.add(c);
      Derivation d = byParam.get(name);
      if (!c.passed() && d != null) {
        List<RealMatrix> terms = ExprEvaluator.terms(f.getValue()).stream().map(evaluator::evaluate).toList();
        Optional<Diagnosis> found = diagnosis.diagnose(source, d, terms, c.worst());
        found.ifPresent(diagnoses::add);
      }
    }
  }

  private static Discrepancy compare(Source source, String name, RealMatrix g, EntrySample sample, Map<String, double[]> ad,
      Map<String, Double> floors) {
    List<EntrySample.Entry> at = sample.entries().get(name);
    double[] values = new double[at.size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = g.getEntry(at.get(k).row(), at.get(k).col());
    }
    return Discrepancy.measure(source, name, at, values, ad.get(name), floors.get(name));
  }
}
