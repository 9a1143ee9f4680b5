package dev.unroll.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.derive.LossKind;
import dev.unroll.symbolic.CrossCheckResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The symbolic check's record survives the answer cache, and its words state the N it ran at, whatever that is. */
class CheckedWordsTest {
  private static CrossCheckResult result(int steps) {
    return new CrossCheckResult("W", LossKind.TOTAL, steps, Map.of("H", 2, "D", 2, "K", 2), 4, 1,
        CrossCheckResult.Mode.NUMERIC, 50, 5.0e-51, 1.2e-49, 1e-30, true);
  }

  @Test
  void theRecordComesBackFromTheCacheWhole() {
    assertThat(CheckedWords.decode(CheckedWords.encode(result(4)))).contains(result(4));
    assertThat(CheckedWords.decode("passed\nSymja's D of the fully unrolled ...")).isEmpty();
  }

  @Test
  void theWordsStateTheStagesTheCheckRanAtAndWhy() {
    String own = CheckedWords.symbolic(result(3), 3).summary();
    assertThat(own).contains("the total loss was differentiated with respect to each of the 4 entries of $W$",
        "forward through the network unrolled over $N = 3$ stages", "one gate at a time", "$5 \\times 10^{-51}$",
        "It ran at this lesson's own 3 stages.").doesNotContain("Symja").doesNotContain("e-51");
    String fewer = CheckedWords.symbolic(result(4), 12).summary();
    assertThat(fewer).contains("unrolled over $N = 4$ stages", "It ran at 4 stages, not at this lesson's 12, because",
        "the numeric check runs at all 12.");
  }

  @Test
  void aGatedLessonsWordsNameItsAdjointEquationsAndItsOwnParameter() {
    String own = CheckedWords.adjointSymbolic(result(3), "U_{f}", 3).summary();
    assertThat(own).contains("each of the 4 entries of $U_{f}$", "the gradient the lesson's adjoint equations give",
        "$N = 3$", "It ran at this lesson's own 3 stages.").doesNotContain("the lesson's sum");
    String fewer = CheckedWords.adjointSymbolic(result(4), "U_{f}", 9).summary();
    assertThat(fewer).contains("It ran at 4 stages, not at this lesson's 9", "every kind of adjoint equation");
    CrossCheckResult wrong = new CrossCheckResult("W", LossKind.LAST, 2, Map.of("H", 2), 4, 1,
        CrossCheckResult.Mode.NUMERIC, 50, 0.3, 0.1, 1e-30, false);
    assertThat(CheckedWords.adjointSymbolic(wrong, "W", 2).passed()).isFalse();
    assertThat(CheckedWords.adjointSymbolic(wrong, "W", 2).summary()).contains("does NOT match");
  }
}
