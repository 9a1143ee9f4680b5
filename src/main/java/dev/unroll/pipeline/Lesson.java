package dev.unroll.pipeline;

import dev.unroll.derive.Derivation;
import dev.unroll.render.LessonView;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A derived and rendered lesson: the derivation it shows, what was checked, its Markdown and LaTeX
 * text, and the files the Markdown links to (the decay plot), by file name.
 */
public record Lesson(LessonSpec spec, Derivation derivation, List<LessonView.CheckView> checks, String markdown,
    String latex, Map<String, String> attachments) {
  public Lesson {
    checks = List.copyOf(checks);
    attachments = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attachments));
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(derivation, "derivation");
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(latex, "latex");
  }

  /** A lesson with no attached files. */
  public Lesson(LessonSpec spec, Derivation derivation, List<LessonView.CheckView> checks, String markdown,
      String latex) {
    this(spec, derivation, checks, markdown, latex, Map.of());
  }
}
