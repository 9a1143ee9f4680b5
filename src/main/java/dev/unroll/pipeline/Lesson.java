package dev.unroll.pipeline;

import dev.unroll.derive.Derivation;
import dev.unroll.render.LessonView;
import java.util.List;
import java.util.Objects;

/** A derived and rendered lesson: the derivation it shows, what was checked, and its Markdown and LaTeX text. */
public record Lesson(LessonSpec spec, Derivation derivation, List<LessonView.CheckView> checks, String markdown,
    String latex) {
  /** Lessons up to this many stages reference a picture of the unrolled network. */
  public static final int DIAGRAM_LIMIT = 30;

  public Lesson {
    checks = List.copyOf(checks);
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(derivation, "derivation");
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(latex, "latex");
  }

  /** Where the lesson's Markdown expects its picture, relative to the lesson; empty above {@link #DIAGRAM_LIMIT}. */
  public static java.util.Optional<String> diagramPath(LessonSpec spec) {
    return spec.steps() <= DIAGRAM_LIMIT ? java.util.Optional.of("assets/" + spec.slug() + ".svg") : java.util.Optional.empty();
  }

  /**
   * The derivation over all the lesson's stages. A lesson in closed form carries the short derivation
   * its recurrence was found from; its picture still shows every stage.
   */
  public Derivation fullDerivation() {
    if (derivation.graph().steps() == spec.steps()) {
      return derivation;
    }
    dev.unroll.unroll.UnrolledGraph graph = new dev.unroll.unroll.Unroller().unroll(derivation.graph().cell(), spec.steps());
    return new dev.unroll.derive.Differentiator().derive(graph, derivation.parameterName(), derivation.loss());
  }
}
