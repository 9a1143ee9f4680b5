package dev.unroll.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.derive.LossKind;
import dev.unroll.render.LessonView;
import dev.unroll.symbolic.AnswerCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gated cell's lesson runs the symbolic check of its adjoint equations and states what it ran:
 * the N (its own up to {@link AdjointSymbolicCheck#STEPS}), the parameter, the digits and the
 * agreement, read from the check's record; a second build reads the record from the answer cache and
 * says the same, byte for byte.
 */
class GatedSymbolicCheckTest {
  @TempDir
  Path cacheDir;

  private static LessonView.CheckView symbolic(Lesson lesson) {
    return lesson.checks().stream().filter(c -> c.name().equals("symbolic check")).findFirst().orElseThrow();
  }

  private long answers() throws Exception {
    try (var files = Files.walk(cacheDir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void theLstmLessonStatesTheCheckAtItsOwnStagesAndTheCacheGivesTheSameWords() throws Exception {
    AnswerCache cache = AnswerCache.at(cacheDir);
    LessonSpec spec = new LessonSpec("lstm", 3, "Uf", "tanh", LossKind.LAST, LessonSpec.Form.AUTO);
    Lesson first = Pipelines.standard(Optional.empty(), cache).lesson(spec);
    LessonView.CheckView c = symbolic(first);
    assertThat(c.passed()).isTrue();
    assertThat(c.summary()).contains("the last loss was differentiated with respect to each of the 4 entries of $U_{f}$",
        "unrolled over $N = 3$ stages", "the gradient the lesson's adjoint equations give", "in 50-digit arithmetic",
        "It ran at this lesson's own 3 stages.");
    assertThat(first.markdown()).contains("Passed, symbolic check:").doesNotContain("No symbolic check was run");
    long entries = answers();
    Lesson again = Pipelines.standard(Optional.empty(), cache).lesson(spec);
    assertThat(again.markdown()).isEqualTo(first.markdown());
    assertThat(answers()).as("nothing new asked of Symja").isEqualTo(entries);
  }

  @Test
  void aLongerGruLessonIsCheckedAtFourStagesAndSaysSo() {
    LessonSpec spec = new LessonSpec("gru", 6, "Uz", "tanh", LossKind.TOTAL, LessonSpec.Form.AUTO);
    LessonView.CheckView c = symbolic(Pipelines.standard(Optional.empty(), AnswerCache.off()).lesson(spec));
    assertThat(c.passed()).isTrue();
    assertThat(c.summary()).contains("the total loss was differentiated", "unrolled over $N = 4$ stages",
        "It ran at 4 stages, not at this lesson's 6", "every kind of adjoint equation a longer lesson has");
  }
}
