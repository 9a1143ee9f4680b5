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
}
