package dev.unroll.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.Activation;
import dev.unroll.cell.CellLibrary;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remembered gamma is believed only when a numeric sample of f' agrees with it. */
class CachedBoundsTest {
  @TempDir
  Path tmp;

  private static String question(Activation a) {
    return "activation-max-abs-derivative\n" + a.name() + "(" + a.argument() + ") = " + a.definition();
  }

  @Test
  void anEditedEntryIsAskedAgainAndATrueOneIsBelieved() {
    Activation tanh = CellLibrary.builtInActivations().get("tanh");
    Activation sigmoid = CellLibrary.builtInActivations().get("sigmoid");
    AnswerCache cache = AnswerCache.at(tmp);
    cache.put(question(tanh), "1/2\t0.5\t0\ttrue"); // edited: tanh's gain is 1, not 1/2
    cache.put(question(sigmoid), "1/4\t0.25\t0\ttrue"); // true
    AtomicInteger asked = new AtomicInteger();
    CachedBounds bounds = new CachedBounds(cache, () -> {
      asked.incrementAndGet();
      return new ActivationBounds();
    });
    assertThat(bounds.maxAbsDerivative(sigmoid).orElseThrow().value()).isEqualTo(0.25);
    assertThat(asked).hasValue(0);
    assertThat(bounds.maxAbsDerivative(tanh).orElseThrow().value()).isEqualTo(1.0);
    assertThat(asked).hasValue(1);
    assertThat(cache.get(question(tanh))).hasValueSatisfying(entry -> assertThat(entry).startsWith("1\t1.0\t"));
  }

  @Test
  void theNumericCheckRejectsAWrongValueAWrongSpellingAndAWrongMaximiser() {
    Activation sigmoid = CellLibrary.builtInActivations().get("sigmoid");
    assertThat(CachedBounds.agrees(sigmoid, new ActivationBounds.Bound("sigmoid", "1/4", 0.25, "0", true))).isTrue();
    assertThat(CachedBounds.agrees(sigmoid, new ActivationBounds.Bound("sigmoid", "1/4", 0.3, "0", true))).isFalse();
    assertThat(CachedBounds.agrees(sigmoid, new ActivationBounds.Bound("sigmoid", "1/3", 0.25, "0", true))).isFalse();
    assertThat(CachedBounds.agrees(sigmoid, new ActivationBounds.Bound("sigmoid", "1/4", 0.25, "2", true))).isFalse();
    assertThat(CachedBounds.agrees(sigmoid, new ActivationBounds.Bound("sigmoid", "1/4", Double.NaN, "0", true))).isFalse();
  }
}
