package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.pipeline.Pipelines;
import dev.unroll.symbolic.ActivationBounds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine judges its own lessons: every equation the RNN, LSTM and GRU lessons print, in Markdown
 * and in LaTeX, is read back by {@code verify} and confirmed (factor by factor, or on random weights),
 * with no error and no warning; and a lesson with one index slipped is caught at the line of the slip.
 */
class OwnLessonsVerifyTest {
  static Stream<Arguments> lessons() {
    return Stream.of(
        Arguments.of("lstm", 1, "Uf", LossKind.LAST),
        Arguments.of("lstm", 3, "Uf", LossKind.LAST),
        Arguments.of("lstm", 5, "Wi", LossKind.TOTAL),
        Arguments.of("gru", 4, "Uz", LossKind.LAST),
        Arguments.of("gru", 3, "bh", LossKind.TOTAL));
  }

  private static String lesson(String cell, int steps, String wrt, LossKind loss) {
    return Pipelines.standard(Optional.empty()).lesson(new LessonSpec(cell, steps, wrt, "tanh", loss,
        LessonSpec.Form.AUTO)).markdown();
  }

  private static Report verify(String markdown) {
    return verify("lesson.md", markdown);
  }

  private static Report verify(String name, String text) {
    Document doc = new DocumentReader().parse(name, text.getBytes(StandardCharsets.UTF_8));
    return new Verifier(Verifier.Options.inferred(), new ActivationBounds()).verify(name, doc);
  }

  static Stream<Arguments> rnnLessons() {
    return Stream.of(
        Arguments.of(3, "W", "tanh", LossKind.LAST),
        Arguments.of(4, "U", "sigmoid", LossKind.TOTAL),
        Arguments.of(2, "V", "tanh", LossKind.LAST));
  }

  @ParameterizedTest(name = "rnn N={0} d/d{1} {2} {3}")
  @MethodSource("rnnLessons")
  void theRnnLessonHoldsInBothFormats(int steps, String wrt, String activation, LossKind loss) {
    dev.unroll.pipeline.Lesson lesson = Pipelines.standard(Optional.empty()).lesson(new LessonSpec("rnn", steps, wrt,
        activation, loss, LessonSpec.Form.AUTO));
    for (String[] file : List.of(new String[] {"lesson.md", lesson.markdown()}, new String[] {"lesson.tex", lesson.latex()})) {
      Report report = verify(file[0], file[1]);

      assertThat(report.findings()).as(file[0] + " has no error and no warning")
          .allMatch(f -> f.severity() == Severity.NOTE);
      assertThat(report.checked()).as(file[0]).isGreaterThan(4);
    }
  }

  @Test
  void aClosedFormInTheChainNotationIsTheOneThingLeftUnchecked() {
    String markdown = Pipelines.standard(Optional.empty()).lesson(new LessonSpec("rnn", 12, "W", "tanh", LossKind.LAST,
        LessonSpec.Form.AUTO)).markdown();

    Report report = verify(markdown);

    assertThat(report.exitCode()).isZero();
    assertThat(report.findings()).filteredOn(f -> f.severity() != Severity.NOTE).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("in the chain notation, write the sum's terms out"));
    assertThat(report.findings()).filteredOn(f -> f.message().startsWith("confirmed: \\frac{\\partial E_{t+1}}{\\partial W}"))
        .as("the matrix form's sum and the delta recursion's").hasSize(2);
  }

  @ParameterizedTest(name = "{0} N={1} d/d{2} {3}")
  @MethodSource("lessons")
  void everyDerivativeTheLessonPrintsIsConfirmed(String cell, int steps, String wrt, LossKind loss) {
    String markdown = lesson(cell, steps, wrt, loss);
    Report report = verify(markdown);

    assertThat(report.findings()).as("nothing is wrong or unread").allMatch(f -> f.severity() == Severity.NOTE);
    assertThat(report.exitCode()).isZero();
    String[] lines = markdown.split("\n", -1);
    List<Integer> claims = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("\\frac{\\partial")) {
        claims.add(i + 1);
      }
    }
    assertThat(claims).as("the lesson prints derivative claims").hasSizeGreaterThan(5);
    for (int line : claims) {
      assertThat(report.findings()).as("a confirmation at line " + line + ": " + lines[line - 1])
          .anyMatch(f -> f.line() == line && f.message().startsWith("confirmed"));
    }
  }

  @Test
  void aSlippedIndexInTheLessonIsReportedAtItsLine() {
    String markdown = lesson("lstm", 3, "Uf", LossKind.LAST);
    String right = "\\frac{\\partial E_{t+1}}{\\partial f_{k}} &= \\frac{\\partial E_{t+1}}{\\partial c_{k}} \\odot c_{k-1}";
    assertThat(markdown).contains(right);
    String slipped = markdown.replace(right, right.replace("c_{k-1}", "c_{k}"));
    int line = (int) markdown.substring(0, markdown.indexOf(right)).chars().filter(c -> c == '\n').count() + 1;

    Report report = verify(slipped);

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement()
        .satisfies(f -> {
          assertThat(f.line()).isEqualTo(line);
          assertThat(f.message()).startsWith("this is not \\frac{\\partial E_{t+1}}{\\partial f_{k}}");
          assertThat(f.correction()).contains("\\frac{\\partial E_{t+1}}{\\partial c_{k}} \\odot c_{k-1}");
        });
  }

  @Test
  void theForgetGateProductWithoutItsQualifierIsAnError() {
    String markdown = lesson("lstm", 3, "Uf", LossKind.LAST);
    String qualifier = "following that path alone";
    assertThat(markdown).contains(qualifier);

    Report report = verify(markdown.replace(qualifier, "following the gradient"));

    assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("only the share of \\frac{\\partial E_{t+1}}{\\partial c_{k}}"));
  }
}
