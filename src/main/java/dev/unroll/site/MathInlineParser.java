package dev.unroll.site;

import com.vladsch.flexmark.parser.InlineParser;
import com.vladsch.flexmark.parser.InlineParserExtension;
import com.vladsch.flexmark.parser.InlineParserExtensionFactory;
import com.vladsch.flexmark.parser.LightInlineParser;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Set;

/**
 * Claims {@code $...$} and {@code $$...$$} inside paragraphs before flexmark's emphasis and escape
 * rules can touch them. A single dollar opens only when followed by a non-space and closes only when
 * preceded by a non-space and not followed by a digit (so "$5 and $6" stays text); a backslash
 * inside the formula protects the next character ({@code \$}). An unclosed dollar is plain text.
 */
final class MathInlineParser implements InlineParserExtension {
  @Override
  public void finalizeDocument(InlineParser inlineParser) {
  }

  @Override
  public void finalizeBlock(InlineParser inlineParser) {
  }

  @Override
  public boolean parse(LightInlineParser parser) {
    BasedSequence input = parser.getInput();
    int open = parser.getIndex();
    boolean display = open + 1 < input.length() && input.charAt(open + 1) == '$';
    int from = open + (display ? 2 : 1);
    if (from >= input.length() || (!display && Character.isWhitespace(input.charAt(from)))) {
      return false;
    }
    int close = closing(input, from, display);
    if (close < 0) {
      return false;
    }
    int end = close + (display ? 2 : 1);
    parser.flushTextNode();
    String tex = input.subSequence(from, close).toString();
    parser.getBlock().appendChild(new MathSpan(input.subSequence(open, end), tex, display));
    parser.setIndex(end);
    return true;
  }

  /** The index of the closing delimiter, or -1 when the formula is not closed. */
  private static int closing(BasedSequence input, int from, boolean display) {
    for (int i = from; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '$') {
        if (display) {
          if (i + 1 < input.length() && input.charAt(i + 1) == '$') {
            return i;
          }
        } else if (i > from && !Character.isWhitespace(input.charAt(i - 1))
            && !(i + 1 < input.length() && Character.isDigit(input.charAt(i + 1)))) {
          return i;
        }
      }
    }
    return -1;
  }

  static final class Factory implements InlineParserExtensionFactory {
    @Override
    public CharSequence getCharacters() {
      return "$";
    }

    @Override
    public InlineParserExtension apply(LightInlineParser inlineParser) {
      return new MathInlineParser();
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
