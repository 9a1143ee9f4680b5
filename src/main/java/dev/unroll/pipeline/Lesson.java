package dev.unroll.pipeline;

import dev.unroll.derive.Derivation;
import dev.unroll.render.LessonCode;
import dev.unroll.render.LessonView;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A derived and rendered lesson: the derivation it shows, what was checked, its Markdown and LaTeX
 * text, the files the Markdown links to (the decay plot), by file name, and the Python that computes
 * every form of the gradient it derives ({@link LessonCode#none} for a lesson made without it).
 */
public record Lesson(LessonSpec spec, Derivation derivation, List<LessonView.CheckView> checks, String markdown,
    String latex, Map<String, String> attachments, LessonCode code) {
  /** Lessons up to this many stages reference a picture of the unrolled network. */
  public static final int DIAGRAM_LIMIT = 30;

  public Lesson {
    checks = List.copyOf(checks);
    attachments = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attachments));
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(derivation, "derivation");
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(latex, "latex");
    Objects.requireNonNull(code, "code");
  }

  /** A lesson without generated code. */
  public Lesson(LessonSpec spec, Derivation derivation, List<LessonView.CheckView> checks, String markdown,
      String latex, Map<String, String> attachments) {
    this(spec, derivation, checks, markdown, latex, attachments, LessonCode.none());
  }

  /** A lesson with no attached files. */
  public Lesson(LessonSpec spec, Derivation derivation, List<LessonView.CheckView> checks, String markdown,
      String latex) {
    this(spec, derivation, checks, markdown, latex, Map.of());
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
