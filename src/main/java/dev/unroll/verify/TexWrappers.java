package dev.unroll.verify;

/**
 * Blanks out the boxes a LaTeX document wraps a wide formula in, such as this project's own
 * {@code \resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{$\displaystyle ...$}} and
 * {@code \scalebox{0.8}{$...$}}, leaving the formula inside, and a group that holds the whole span,
 * as {@code {\large \delta_2 = ...}} sizes a display: a group around everything means what its inside
 * means. Characters are replaced by spaces, never removed, so every offset in the span still points at
 * the same place in the file.
 */
final class TexWrappers {
  private TexWrappers() {}

  /** The span with every {@code \resizebox} and {@code \scalebox} around a formula, and a group around it all, blanked out. */
  static String unwrap(String tex) {
    StringBuilder b = new StringBuilder(tex);
    for (int open = skipSpaces(tex, 0); open < tex.length() && tex.charAt(open) == '{'; open = skipSpaces(tex, open + 1)) {
      int close = closing(tex, open);
      if (close < 0 || skipSpaces(tex, close + 1) != tex.length()) {
        break;
      }
      blank(b, open, open + 1);
      blank(b, close, close + 1);
    }
    for (String box : new String[] {"\\resizebox", "\\scalebox"}) {
      int skipped = box.equals("\\resizebox") ? 2 : 1;
      int at = tex.indexOf(box);
      while (at >= 0) {
        unwrapAt(tex, b, at, box.length(), skipped);
        at = tex.indexOf(box, at + box.length());
      }
    }
    return b.toString();
  }

  /** Blanks one box starting at {@code at}: its name, the {@code skipped} size arguments and the braces of its body. */
  private static void unwrapAt(String tex, StringBuilder b, int at, int nameLength, int skipped) {
    int i = at + nameLength;
    for (int k = 0; k < skipped; k++) {
      i = skipSpaces(tex, i);
      int close = closing(tex, i);
      if (close < 0) {
        return;
      }
      i = close + 1;
    }
    i = skipSpaces(tex, i);
    int close = closing(tex, i);
    if (close < 0) {
      return;
    }
    blank(b, at, i + 1);
    blank(b, close, close + 1);
    // the body is usually an inline formula of its own: $\displaystyle ... $
    for (int j = i + 1; j < close; j++) {
      if (tex.charAt(j) == '$') {
        blank(b, j, j + 1);
      }
    }
  }

  private static int skipSpaces(String tex, int i) {
    while (i < tex.length() && Character.isWhitespace(tex.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The index of the brace closing the group that opens at {@code open}, or -1. */
  private static int closing(String tex, int open) {
    if (open >= tex.length() || tex.charAt(open) != '{') {
      return -1;
    }
    int level = 0;
    for (int i = open; i < tex.length(); i++) {
      char c = tex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        level++;
      } else if (c == '}' && --level == 0) {
        return i;
      }
    }
    return -1;
  }

  private static void blank(StringBuilder b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b.charAt(i) != '\n') {
        b.setCharAt(i, ' ');
      }
    }
  }
}
