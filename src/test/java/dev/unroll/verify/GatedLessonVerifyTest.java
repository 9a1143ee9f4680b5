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
 * The engine judges its own gated lessons: every adjoint equation, gradient and Jacobian the LSTM and
 * GRU lessons print is read back by {@code verify} and confirmed on random weights; and a lesson with
 * one index slipped is caught at the line of the slip.
 */
class GatedLessonVerifyTest {
  static Stream<Arguments> lessons() {
    return Stream.of(
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
    Document doc = new DocumentReader().parse("lesson.md", markdown.getBytes(StandardCharsets.UTF_8));
    return new Verifier(Verifier.Options.inferred(), new ActivationBounds()).verify("lesson.md", doc);
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
