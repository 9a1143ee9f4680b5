package dev.unroll.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.derive.Derivation;
import dev.unroll.derive.Forms;
import dev.unroll.symbolic.SymjaCalculus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared contract: every gradient source, run on the same seeded cases, agrees with forward-mode
 * automatic differentiation within its named tolerance ({@link Source#EXACT} for the backward pass,
 * the derived sum and the engine's concrete and matrix forms; finite differences within their own Richardson error estimate), measured
 * normwise per parameter ({@link Discrepancy}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradientSourceContractTest {
  /** One Symja session for every case: it holds the built-in activations every case's cell names. */
  private final Forms forms = new Forms(new SymjaCalculus(new dev.unroll.cell.CellLibrary().load("rnn").activations()));

  /** One way of computing dE/dP at given entries. */
  interface GradientSource {
    Source id();

    Map<String, double[]> at(Cases.Case c, EntrySample entries);
  }

  private final List<GradientSource> sources = List.of(
      matrices(Source.BACKWARD_PASS, c -> new Backprop().run(c.graph(), c.params(), c.loss()).gradients()),
      matrices(Source.DERIVED_SUM, c -> {
        Tape tape = new ForwardPass().run(c.graph(), c.params());
        Map<String, RealMatrix> out = new LinkedHashMap<>();
        for (Derivation d : c.derivations()) {
          out.put(d.parameterName(), new DerivedSum().evaluate(d, tape));
        }
        return out;
      }),
      matrices(Source.CONCRETE_FORM, c -> forms(c, true)),
      matrices(Source.MATRIX_FORM, c -> forms(c, false)),
      sampled(Source.FINITE_DIFFERENCES, (c, e) -> new FiniteDifferences().gradients(c.graph(), c.params(), c.loss(), e)));

  /** Finite differences' own error estimate per entry, which their comparison allows (twice) on top of the tolerance. */
  private static double estimate(Cases.Case c, EntrySample all, String p) {
    return NumericCheck.FD_SAFETY * Floors.norm(new FiniteDifferences().run(c.graph(), c.params(), c.loss(), all).errors().get(p));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.unroll.numeric.Cases#contract")
  void everySourceAgreesWithAutomaticDifferentiation(Cases.Case c) {
    EntrySample all = EntrySample.all(c.params().weights());
    Map<String, double[]> reference = new AutoDiff().gradients(c.graph(), c.params(), c.loss(), all);
    for (GradientSource source : sources) {
      Map<String, double[]> values = source.at(c, all);
      for (String p : List.of("U", "W", "V")) {
        double floor = source.id() == Source.FINITE_DIFFERENCES ? estimate(c, all, p) : 0;
        Discrepancy d = Discrepancy.measure(source.id(), p, all.entries().get(p), values.get(p), reference.get(p), floor);
        assertThat(d.passed()).as("%s of d/d%s in %s: relative error %s, allowed %s", source.id().label(), p, c, d.relativeError(),
            source.id().tolerance() + d.relativeFloor()).isTrue();
        assertThat(d.relativeError())
            .as("%s of d/d%s in %s (worst entry %s: %s vs %s)", source.id().label(), p, c, d.worst(), d.value(), d.reference())
            .isLessThanOrEqualTo(source.id() == Source.FINITE_DIFFERENCES ? 1e-8 : source.id().tolerance());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.unroll.numeric.Cases#contract")
  void theTwoForwardPassesComputeTheSameLoss(Cases.Case c) {
    double doubles = new ForwardPass().run(c.graph(), c.params()).loss(c.loss());
    double field = new FieldForward<>(GradientField.getField(0)).loss(new Layout(c.graph(), c.params()), c.params().weights(), Map.of(), c.loss()).getValue();
    assertThat(field).isCloseTo(doubles, org.assertj.core.data.Offset.offset(1e-13 * Math.max(1, Math.abs(doubles))));
    assertThat(doubles).isPositive();
  }

  /**
   * Issue 17's edges against an independent reference (a hand-written 60-digit forward pass and its
   * central differences, {@link ReferenceRnn}): the backward pass, the derived sum and automatic
   * differentiation within the case's tolerance, and finite differences within their own error
   * estimate, on every entry they did not exclude.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.unroll.numeric.EdgeCases#all")
  void everySourceAgreesWithAnIndependentReferenceAtTheEdges(EdgeCases.Edge c) {
    EntrySample all = EntrySample.all(c.params().weights());
    Map<String, double[][]> truth = c.reference().gradient(c.params(), c.loss());
    Backprop.Result bp = new Backprop().run(c.graph(), c.params(), c.loss());
    Tape tape = new ForwardPass().run(c.graph(), c.params());
    Map<String, RealMatrix> derived = new LinkedHashMap<>();
    c.derivations().forEach(d -> derived.put(d.parameterName(), new DerivedSum().evaluate(d, tape)));
    Map<String, double[]> ad = new AutoDiff().gradients(c.graph(), c.params(), c.loss(), all);
    FiniteDifferences.Result fd = new FiniteDifferences().run(c.graph(), c.params(), c.loss(), all);
    assertThat(fd.excludedCount()).as("no kink in %s", c).isZero();
    assertThat(Double.isFinite(bp.loss())).isTrue();
    for (String p : c.params().weights().keySet()) {
      List<EntrySample.Entry> at = all.entries().get(p);
      double[] ref = at.stream().mapToDouble(e -> truth.get(p)[e.row()][e.col()]).toArray();
      Map<String, double[]> exact = new LinkedHashMap<>();
      exact.put("backward pass", at.stream().mapToDouble(e -> bp.gradients().get(p).getEntry(e.row(), e.col())).toArray());
      exact.put("derived sum", at.stream().mapToDouble(e -> derived.get(p).getEntry(e.row(), e.col())).toArray());
      exact.put("automatic differentiation", ad.get(p));
      exact.forEach((label, values) -> {
        Discrepancy d = Discrepancy.measure(Source.BACKWARD_PASS, p, at, values, ref);
        assertThat(d.relativeError()).as("%s of d/d%s in %s (worst %s: %s vs reference %s)", label, p, c, d.worst(), d.value(),
            d.reference()).isLessThanOrEqualTo(c.exact());
      });
      // Finite differences claim an error estimate per entry: the exact reference holds them to it.
      double[] values = fd.values().get(p);
      double[] errors = fd.errors().get(p);
      for (int k = 0; k < values.length; k++) {
        assertThat(Math.abs(values[k] - ref[k])).as("finite differences at %s%s in %s: %s vs reference %s, estimate %s", p,
            at.get(k), c, values[k], ref[k], errors[k]).isLessThanOrEqualTo(NumericCheck.FD_SAFETY * errors[k] + c.exact() * Math.abs(ref[k]));
      }
    }
  }

  /** The engine's own written-out sums ({@code derive.Forms} with Symja's local derivatives), evaluated. */
  private Map<String, RealMatrix> forms(Cases.Case c, boolean concrete) {
    ExprEvaluator evaluator = new ExprEvaluator(new ForwardPass().run(c.graph(), c.params()));
    Map<String, RealMatrix> out = new LinkedHashMap<>();
    for (Derivation d : c.derivations()) {
      out.put(d.parameterName(), evaluator.evaluate(concrete ? forms.concreteSum(d) : forms.matrixSum(d)));
    }
    return out;
  }

  private static GradientSource matrices(Source id, java.util.function.Function<Cases.Case, Map<String, RealMatrix>> f) {
    return sampled(id, (c, entries) -> {
      Map<String, RealMatrix> g = f.apply(c);
      Map<String, double[]> out = new LinkedHashMap<>();
      entries.entries().forEach((name, list) -> out.put(name, list.stream().mapToDouble(e -> g.get(name).getEntry(e.row(), e.col())).toArray()));
      return out;
    });
  }

  private static GradientSource sampled(Source id, java.util.function.BiFunction<Cases.Case, EntrySample, Map<String, double[]>> f) {
    return new GradientSource() {
      @Override
      public Source id() {
        return id;
      }

      @Override
      public Map<String, double[]> at(Cases.Case c, EntrySample entries) {
        return f.apply(c, entries);
      }
    };
  }
}
