package dev.unroll.verify;

import java.util.List;
import java.util.Objects;

/** A file read for verification: what kind it is and its text as segments. */
public record Document(Kind kind, List<Segment> segments) {
  /** How the file's text is scanned for mathematics. */
  public enum Kind {
    MARKDOWN, LATEX, NOTEBOOK
  }

  public Document {
    Objects.requireNonNull(kind, "kind");
    segments = List.copyOf(segments);
  }

  /** Whether segments are scanned as Markdown (notebook cells are Markdown). */
  public boolean markdown() {
    return kind != Kind.LATEX;
  }
}
