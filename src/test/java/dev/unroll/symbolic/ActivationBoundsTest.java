package dev.unroll.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivationBoundsTest {
  private final ActivationBounds bounds = new ActivationBounds();

  @Test
  void sigmoidsDerivativeIsAtMostAQuarterAttainedAtZero() {
    ActivationBounds.Bound b = bounds.maxAbsDerivative("sigmoid").orElseThrow();
    assertThat(b.maximum()).isEqualTo("1/4");
    assertThat(b.value()).isEqualTo(0.25);
    assertThat(b.argument()).isEqualTo("0");
    assertThat(b.attained()).isTrue();
  }

  @Test
  void tanhsDerivativeIsAtMostOneAttainedAtZero() {
    ActivationBounds.Bound b = bounds.maxAbsDerivative("tanh").orElseThrow();
    assertThat(b.maximum()).isEqualTo("1");
    assertThat(b.argument()).isEqualTo("0");
    assertThat(b.attained()).isTrue();
  }

  @Test
  void identitysDerivativeIsConstant() {
    assertThat(bounds.maxAbsDerivative("identity").orElseThrow().value()).isEqualTo(1.0);
  }

  @Test
  void undecidableOrUnknownActivationsGiveNoAnswer() {
    assertThat(bounds.maxAbsDerivative("relu")).isEmpty();
    assertThat(bounds.maxAbsDerivative("swish")).isEmpty();
  }

}
