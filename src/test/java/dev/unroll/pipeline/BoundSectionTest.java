package dev.unroll.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import dev.unroll.derive.TextbookCalculus;
import dev.unroll.explore.CachedBounds;
import dev.unroll.render.TemplateRenderer;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The lesson's "why gradients vanish or explode" section with Symja's gamma, and its plot in both formats. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundSectionTest {
  @TempDir
  Path dir;
  @TempDir
  static Path answers;
  private Pipeline pipeline;

  @BeforeAll
  void pipeline() throws Exception {
    AnswerCache cache = AnswerCache.at(answers);
    pipeline = new Pipeline(new CellLibrary(), cell -> new WithRelu(), List.of(),
        new TemplateRenderer(Optional.empty()), Optional.of(new CachedBounds(cache, ActivationBounds::new)));
  }

  /** The textbook derivatives, and relu's as the step function. */
  private static final class WithRelu implements LocalCalculus {
    private final TextbookCalculus textbook = new TextbookCalculus();

    @Override
    public Expr activationDerivative(String activation, Expr output, Expr input) {
      return activation.equals("relu") ? new Expr.Apply("step", List.of(input))
          : textbook.activationDerivative(activation, output, input);
    }

    @Override
    public Expr activation(String activation, Expr input) {
      return activation.equals("relu") ? new Expr.Apply("max", List.of(new Expr.Num(0), input))
          : textbook.activation(activation, input);
    }

    @Override
    public Expr softmaxCrossEntropyGradient(Expr probabilities, Expr target) {
      return textbook.softmaxCrossEntropyGradient(probabilities, target);
    }
  }

  private Lesson lesson(String activation, int steps) {
    return pipeline.lesson(new LessonSpec("rnn", steps, "W", activation, LossKind.LAST, LessonSpec.Form.AUTO));
  }

  @Test
  void sigmoidStatesSymjasGammaTheBoundBothConditionsAndClipping() {
    Lesson l = lesson("sigmoid", 3);
    assertThat(l.markdown())
        .contains("gives $\\gamma = \\frac{1}{4}$, attained at $z = 0$")
        .doesNotContain("(about")
        .contains("\\left\\| \\frac{\\partial s_{t}}{\\partial s_{k}} \\right\\| \\le "
            + "\\left(\\gamma \\sigma_{\\max}\\left(W\\right)\\right)^{t - k}")
        .contains("$\\sigma_{\\max}\\left(W\\right) < \\frac{1}{\\gamma} = 4$")
        .contains("$\\sigma_{\\max}\\left(W\\right) > \\frac{1}{\\gamma} = 4$")
        .contains("Pascanu, Mikolov and Bengio, 2013")
        .contains("](rnn-sigmoid-W-last-3-decay.svg)")
        .contains("$\\sigma_{\\max}\\left(W\\right) = \\frac{0.5}{\\gamma} = 2$, so "
            + "$\\gamma \\sigma_{\\max}\\left(W\\right) = 0.5$")
        .contains("This lesson's 3 stages are too few to show a trend, so the measurement follows the same gradient, "
            + "$\\frac{\\partial E_{t+1}}{\\partial W}$, unrolled over 20 stages instead.")
        .doesNotContain("NOT every product")
        .doesNotMatch("(?s).*\\d\\.\\d+e[-+]\\d.*");
    assertThat(l.attachments()).containsOnlyKeys("rnn-sigmoid-W-last-3-decay.svg");
    assertThat(l.latex()).contains("% a log-scale plot\n").contains("% bound, 1/gamma\n\\put(0,0){\\color{red}\\multiput(0.000,");
  }

  @Test
  void reluSaysHonestlyThatSymjaFoundNoGammaAndDrawsNothing() {
    Lesson l = lesson("relu", 3);
    assertThat(l.markdown()).contains("The engine could not derive $\\gamma$ for `relu(z) = Max(0, z)`")
        .doesNotContain("\\gamma =").doesNotContain("decay.svg");
    assertThat(l.attachments()).isEmpty();
  }

  @Test
  void pdflatexCompilesTheLessonWithItsPlot() throws Exception {
    ExternalTools.require("pdflatex");
    Files.writeString(dir.resolve("lesson.tex"), lesson("tanh", 12).latex(), StandardCharsets.UTF_8);
    ExternalTools.Run run = ExternalTools.run(dir, 180, "pdflatex", "-halt-on-error", "-interaction=nonstopmode", "lesson.tex");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).doesNotContain("Undefined control sequence").doesNotContain("! ");
    assertThat(dir.resolve("lesson.pdf")).isNotEmptyFile();
  }
}
