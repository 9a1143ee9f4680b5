package dev.unroll.site;

import com.vladsch.flexmark.parser.block.AbstractBlockParser;
import com.vladsch.flexmark.parser.block.AbstractBlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockContinue;
import com.vladsch.flexmark.parser.block.BlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockStart;
import com.vladsch.flexmark.parser.block.CustomBlockParserFactory;
import com.vladsch.flexmark.parser.block.MatchedBlockParser;
import com.vladsch.flexmark.parser.block.ParserState;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Set;

/**
 * Parses a display formula on lines of its own: from a line whose text starts with {@code $$} to the
 * first line (the same or a later one) whose text ends with {@code $$}. The lines are kept as
 * written, joined by newlines; the formula is what lies between the two delimiters.
 */
final class MathBlockParser extends AbstractBlockParser {
  private final MathBlock block = new MathBlock();
  private final StringBuilder text = new StringBuilder();
  private boolean closed;

  @Override
  public Block getBlock() {
    return block;
  }

  @Override
  public BlockContinue tryContinue(ParserState state) {
    return closed ? BlockContinue.none() : BlockContinue.atIndex(state.getIndex());
  }

  @Override
  public void addLine(ParserState state, BasedSequence line) {
    String s = withoutEol(line.toString());
    boolean first = text.length() == 0;
    if (!first) {
      text.append('\n');
    }
    text.append(s);
    String trimmed = s.stripTrailing();
    if (trimmed.endsWith("$$") && (!first || trimmed.strip().length() >= 4)) {
      closed = true;
    }
  }

  @Override
  public void closeBlock(ParserState state) {
    String raw = text.toString();
    int start = raw.indexOf("$$") + 2;
    int end = closed ? raw.stripTrailing().length() - 2 : raw.length();
    block.tex(raw.substring(start, Math.max(start, end)));
  }

  private static String withoutEol(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Starts a block where a line's text (indented less than a code block) begins with {@code $$}. */
  static final class Factory implements CustomBlockParserFactory {
    @Override
    public BlockParserFactory apply(DataHolder options) {
      return new AbstractBlockParserFactory(options) {
        @Override
        public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
          if (state.getIndent() >= 4) {
            return BlockStart.none();
          }
          BasedSequence rest = state.getLine().subSequence(state.getNextNonSpaceIndex());
          if (!rest.startsWith("$$")) {
            return BlockStart.none();
          }
          return BlockStart.of(new MathBlockParser()).atIndex(state.getNextNonSpaceIndex());
        }
      };
    }

    @Override
    public Set<Class<?>> getAfterDependents() {
      return null;
    }

    @Override
    public Set<Class<?>> getBeforeDependents() {
      return null;
    }

    @Override
    public boolean affectsGlobalScope() {
      return false;
    }
  }
}
