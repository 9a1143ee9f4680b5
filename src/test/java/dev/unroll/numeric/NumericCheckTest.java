package dev.unroll.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.derive.LossKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check as the lesson pipeline calls it: what it reports, how it samples, and its summary sentence. */
class NumericCheckTest {
  @Test
  void aLessonSizedCheckComparesEverySourceOnEveryEntryAndSaysSo() {
    Cases.Case c = Cases.of(1, 4, 3, 3, 3, "tanh", LossKind.LAST);
    CheckReport r = new NumericCheck().run(CheckInput.of(c.graph(), c.params(), c.loss(), List.of(c.derivations().get(1))));
    assertThat(r.sources()).containsExactly(Source.BACKWARD_PASS, Source.DERIVED_SUM, Source.FINITE_DIFFERENCES,
        Source.AUTOMATIC_DIFFERENTIATION);
    assertThat(r.entries()).isEqualTo("all 40 entries");
    assertThat(r.comparisons()).extracting(Discrepancy::parameter).containsExactly("U", "U", "W", "W", "W", "V", "V");
    assertThat(r.passed()).isTrue();
    assertThat(r.lossValue()).isEqualTo(new ForwardPass().run(c.graph(), c.params()).loss(LossKind.LAST));
    assertThat(r.summary())
        .startsWith("On seeded random weights (cell rnn, tanh, last loss, H = 4, D = 3, K = 3, N = 3), the backward pass, "
            + "the derived sum and central finite differences with Richardson extrapolation were each compared with forward-mode"
            + " automatic differentiation on all 40 entries.")
        .containsPattern("Worst relative errors \\(normwise per parameter\\): backward pass \\d\\.\\de-1[5-7], derived sum \\d\\.\\de-1[5-7], finite differences \\d\\.\\de-(9|1[0-3])")
        .contains("(tolerance 1e-12 plus the gradient's measured rounding floor, finite differences also within twice their own error"
            + " estimate). Passed.")
        .doesNotContain("_", "$", "%", "&", "#");
  }

  @Test
  void aDerivationOfAnotherGraphOrLossIsRefused() {
    Cases.Case c = Cases.of(1, 4, 3, 3, 3, "tanh", LossKind.LAST);
    Cases.Case other = Cases.of(1, 4, 3, 3, 3, "tanh", LossKind.TOTAL);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckInput.of(c.graph(), c.params(), c.loss(), other.derivations()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another unrolled graph");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckInput.of(other.graph(), other.params(), LossKind.LAST, other.derivations()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of the total loss but the check is of the last loss");
  }

  @Test
  void largeParamsAreSampledByCostAndTheSampleIsDeterministic() {
    Cases.Case c = Cases.of(2, 48, 8, 8, 20, "sigmoid", LossKind.TOTAL);
    int m = NumericCheck.autoSample(c.params());
    assertThat(m).isBetween(2, 64);
    EntrySample a = EntrySample.sampled(c.params().weights(), m, 9);
    assertThat(a).isEqualTo(EntrySample.sampled(c.params().weights(), m, 9));
    assertThat(a.entries().get("W")).hasSize(m).doesNotHaveDuplicates();
    assertThat(a.complete()).isFalse();
    assertThat(NumericCheck.autoSample(Cases.of(2, 4, 3, 3, 5, "tanh", LossKind.LAST).params())).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void theRelativeErrorIsNormwiseSymmetricAndNamesTheWorstEntry() {
    List<EntrySample.Entry> at = List.of(new EntrySample.Entry(0, 0), new EntrySample.Entry(0, 1), new EntrySample.Entry(1, 0));
    Discrepancy d = Discrepancy.measure(Source.BACKWARD_PASS, "W", at, new double[] {3, 4, 1e-20}, new double[] {3, 4.5, 0});
    assertThat(d.relativeError()).isCloseTo(0.5 / Math.hypot(3, 4.5), org.assertj.core.data.Offset.offset(1e-15));
    assertThat(d.worst()).isEqualTo(new EntrySample.Entry(0, 1));
    assertThat(d.value()).isEqualTo(4);
    assertThat(d.reference()).isEqualTo(4.5);
    assertThat(d.passed()).isFalse();
    Discrepancy swapped = Discrepancy.measure(Source.BACKWARD_PASS, "W", at, new double[] {3, 4.5, 0}, new double[] {3, 4, 1e-20});
    assertThat(swapped.relativeError()).isEqualTo(d.relativeError());
    assertThat(Discrepancy.measure(Source.FINITE_DIFFERENCES, "V", at, new double[3], new double[3]).relativeError()).isZero();
    assertThat(Discrepancy.measure(Source.DERIVED_SUM, "V", at, new double[] {Double.NaN, 0, 0}, new double[3]).passed()).isFalse();
  }
}
