package dev.unroll.site;

import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Objects;

/**
 * A formula inside a paragraph: {@code $...$} (inline) or {@code $$...$$} written within a line of
 * text (display). {@code tex} is the text between the delimiters, byte for byte.
 */
final class MathSpan extends Node {
  private final String tex;
  private final boolean display;

  MathSpan(BasedSequence chars, String tex, boolean display) {
    super(chars);
    this.tex = Objects.requireNonNull(tex);
    this.display = display;
  }

  String tex() {
    return tex;
  }

  boolean display() {
    return display;
  }

  @Override
  public BasedSequence[] getSegments() {
    return EMPTY_SEGMENTS;
  }
}
