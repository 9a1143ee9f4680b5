package dev.unroll.pipeline;

import dev.unroll.derive.Derivation;
import java.util.Objects;

/** A derived and rendered lesson: the derivation it shows and its Markdown and LaTeX text. */
public record Lesson(LessonSpec spec, Derivation derivation, String markdown, String latex) {
  public Lesson {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(derivation, "derivation");
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(latex, "latex");
  }
}
