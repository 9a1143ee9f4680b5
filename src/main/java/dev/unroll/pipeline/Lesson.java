package dev.unroll.pipeline;

import dev.unroll.derive.Derivation;
import dev.unroll.render.LessonView;
import java.util.List;
import java.util.Objects;

/** A derived and rendered lesson: the derivation it shows, what was checked, and its Markdown and LaTeX text. */
public record Lesson(LessonSpec spec, Derivation derivation, List<LessonView.CheckView> checks, String markdown,
    String latex) {
  public Lesson {
    checks = List.copyOf(checks);
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(derivation, "derivation");
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(latex, "latex");
  }
}
