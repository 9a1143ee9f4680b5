package dev.unroll.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.derive.TextbookCalculus;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
import dev.unroll.unroll.Unroller;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gamma from Symja through the cache, and the measured terms of dE/dW against the bound
 * (gamma sigma_max(W))^j: every term under it, for tanh and sigmoid, on several seeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecayExperimentTest {
  private static final Map<String, Integer> SIZES = Map.of("H", 5, "D", 3, "K", 3);
  @TempDir
  static Path cacheDir;
  private CachedBounds bounds;

  @BeforeAll
  void symja() throws Exception {
    bounds = new CachedBounds(AnswerCache.at(cacheDir), ActivationBounds::new);
  }

  private ActivationBounds.Bound gamma(String activation) {
    return bounds.maxAbsDerivative(new CellLibrary().load("rnn").activations().get(activation)).orElseThrow();
  }

  @ParameterizedTest
  @CsvSource({"tanh, 1.0", "sigmoid, 0.25"})
  void symjaFindsGammaAndWhereItIsAttained(String activation, double expected) {
    ActivationBounds.Bound b = gamma(activation);
    assertThat(b.value()).isCloseTo(expected, within(1e-12));
    assertThat(b.argument()).isEqualTo("0");
    assertThat(b.attained()).isTrue();
  }

  @Test
  void aCachedAnswerNeedsNoSymjaAndReluIsRememberedAsNone() {
    var activations = new CellLibrary().load("rnn").activations();
    gamma("sigmoid");
    assertThat(bounds.maxAbsDerivative(activations.get("relu"))).isEmpty();
    CachedBounds again = new CachedBounds(AnswerCache.at(cacheDir), () -> {
      throw new AssertionError("Symja was started for a cached answer");
    });
    assertThat(again.maxAbsDerivative(activations.get("sigmoid")).orElseThrow().maximum()).isEqualTo("1/4");
    assertThat(again.maxAbsDerivative(activations.get("relu"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"tanh, 1", "tanh, 2", "tanh, 3", "sigmoid, 1", "sigmoid, 2", "sigmoid, 3"})
  void everyMeasuredTermLiesUnderTheStatedBound(String activation, long seed) {
    double gamma = gamma(activation).value();
    List<Setting> settings = List.of(Setting.parse("0.5/gamma"), Setting.parse("1/gamma"), Setting.parse("1.5/gamma"),
        Setting.parse("3/gamma"));
    Decay d = experiment(activation).run(activation, gamma, settings, 40, seed, 0.1);
    assertThat(d.matrix()).isEqualTo("W");
    assertThat(d.runs()).hasSize(4);
    for (Decay.Run run : d.runs()) {
      assertThat(run.sigma()).isCloseTo(run.setting().amount() / gamma, within(1e-12));
      assertThat(run.terms()).hasSize(40);
      assertThat(run.terms().get(0).spectral()).as("the newest term carries no Jacobian").isCloseTo(1, within(1e-9));
      for (Decay.TermNorm t : run.terms()) {
        assertThat(t.bound()).isCloseTo(Math.pow(run.gain(), t.reach()), within(1e-9 * t.bound()));
        assertThat(t.spectral()).as("%s sigma %s reach %d", activation, run.setting().label(), t.reach())
            .isLessThanOrEqualTo(t.bound() * (1 + 1e-9));
      }
      assertThat(run.clipped()).isEqualTo(Math.min(run.total(), 0.1));
    }
    // Below the border the terms must vanish: the oldest is at most 0.5^39 of the newest.
    assertThat(d.runs().get(0).terms().get(39).spectral()).isLessThan(1e-11);
  }

  /**
   * The measured sum is the gradient itself: for the last and the total loss, the norm of the sum of the
   * measured terms equals the norm of the backward pass's gradient of W on the same scaled weights, and
   * the total loss has a term per loss at every reach it can have.
   */
  @ParameterizedTest
  @CsvSource({"LAST, 7", "TOTAL, 7", "TOTAL, 1"})
  void theMeasuredTermsAddUpToTheBackwardPassGradient(LossKind loss, int steps) {
    double gamma = gamma("tanh").value();
    Setting setting = Setting.parse("1.5/gamma");
    Decay d = experiment("tanh").run("tanh", gamma, List.of(setting), steps, 2, 0.1, loss);
    CellDefinition cell = new CellLibrary().load("rnn").withPlaceholder("f", "tanh");
    var graph = new Unroller().unroll(cell, steps);
    var base = new dev.unroll.numeric.ParamsGenerator(cell).generate(2, SIZES, steps, "tanh");
    var w = base.weights().get("W");
    double scale = setting.sigma(gamma) / new org.hipparchus.linear.SingularValueDecomposition(w).getNorm();
    var weights = new java.util.LinkedHashMap<>(base.weights());
    weights.put("W", w.scalarMultiply(scale));
    var scaled = new dev.unroll.numeric.Params(base.activation(), base.sizes(), base.steps(), weights, base.initial(),
        base.inputs(), base.targets());
    double expected = new dev.unroll.numeric.Backprop().run(graph, scaled, loss).gradients().get("W").getFrobeniusNorm();

    Decay.Run run = d.runs().get(0);
    assertThat(run.total()).isCloseTo(expected, within(1e-12 * expected));
    for (Decay.TermNorm t : run.terms()) {
      assertThat(t.count()).isEqualTo(loss == LossKind.LAST ? 1 : steps - t.reach());
      assertThat(t.under()).isTrue();
    }
  }

  @Test
  void aPlainSigmaIsTakenAsIsAndBadOnesAreRefused() {
    assertThat(Setting.parse("2").sigma(0.25)).isEqualTo(2);
    assertThat(Setting.parse("1/gamma").sigma(0.25)).isEqualTo(4);
    assertThat(Setting.parse("0.5/gamma").label()).isEqualTo("0.5/gamma");
    assertThatThrownBy(() -> Setting.parse("-1")).hasMessageContaining("positive");
    assertThatThrownBy(() -> Setting.parse("x/gamma")).hasMessageContaining("--sigma");
  }

  private static DecayExperiment experiment(String activation) {
    CellDefinition cell = new CellLibrary().load("rnn").withPlaceholder("f", activation);
    Recurrence r = new Forms(new TextbookCalculus())
        .recurrence(new Differentiator().derive(new Unroller().unroll(cell, 3), "W", LossKind.LAST)).orElseThrow();
    return new DecayExperiment(cell, r, SIZES);
  }
}
