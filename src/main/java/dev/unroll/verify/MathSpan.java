package dev.unroll.verify;

import java.util.Objects;

/**
 * One piece of mathematics in a file: the TeX between its delimiters, where it is, and how it was
 * delimited ({@code $}, {@code $$}, {@code \[}, {@code math} for a fenced block, or the name of an
 * environment such as {@code align}).
 *
 * @param start offset of the first character of the TeX in the segment's text
 * @param open offset of the opening delimiter
 */
public record MathSpan(Segment segment, int start, int end, int open, boolean display, String delimiter) {
  public MathSpan {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(delimiter, "delimiter");
    if (start < 0 || end < start || end > segment.text().length()) {
      throw new IllegalArgumentException("A math span must lie inside its segment: " + start + ".." + end + ".");
    }
  }

  public String tex() {
    return segment.text().substring(start, end);
  }

  /** The file position of an offset into {@link #tex()}. */
  public Position position(int offset) {
    return segment.position(start + offset);
  }

  /** Where the span's opening delimiter is. */
  public Position opening() {
    return segment.position(open);
  }

  private static final java.util.Set<String> DISPLAY_ENVIRONMENTS = java.util.Set.of("align", "align*", "equation",
      "equation*", "gather", "gather*", "multline", "multline*", "eqnarray", "eqnarray*");

  /**
   * {@code \begin{align}} inside {@code $$...$$}, {@code \[...\]} or a math block: not valid LaTeX,
   * though MathJax and KaTeX render it, so in Markdown and notebooks ({@code markdown}) a note, in a
   * {@code .tex} file a warning; never an error, since it says nothing false.
   */
  public java.util.List<Finding> misplacedEnvironments(boolean markdown) {
    if (!(delimiter.equals("$$") || delimiter.equals("\\[") || delimiter.equals("math"))) {
      return java.util.List.of();
    }
    java.util.List<Finding> out = new java.util.ArrayList<>();
    for (String env : new java.util.TreeSet<>(DISPLAY_ENVIRONMENTS)) {
      int at = tex().indexOf("\\begin{" + env + "}");
      if (at >= 0) {
        String inner = env.startsWith("align") ? "aligned" : env.startsWith("gather") ? "gathered" : "split";
        out.add(Finding.at(position(at), markdown ? Severity.NOTE : Severity.WARNING, "\\begin{" + env + "} inside "
            + (delimiter.equals("math") ? "a math block" : delimiter + "...")
            + (markdown ? " is read as MathJax and KaTeX render it, though LaTeX itself would refuse it"
                : " is not valid LaTeX (it is a display environment of its own)") + "; inside display math use \\begin{"
            + inner + "}.", "\\begin{" + inner + "} ... \\end{" + inner + "}"));
      }
    }
    return out;
  }
}
