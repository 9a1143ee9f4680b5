package dev.unroll.site;

import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/**
 * A display formula that stands on lines of its own, opened by a line starting with {@code $$} and
 * closed by a line ending with {@code $$}. Parsed as a block so that lines inside it which would
 * start a list or a heading ({@code + ...}, {@code # ...}) stay mathematics.
 */
final class MathBlock extends Block {
  private String tex = "";

  void tex(String text) {
    this.tex = text;
  }

  String tex() {
    return tex;
  }

  @Override
  public BasedSequence[] getSegments() {
    return EMPTY_SEGMENTS;
  }
}
