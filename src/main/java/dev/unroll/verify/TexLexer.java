package dev.unroll.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a span of TeX into tokens, each with its offset in the span. Drops what carries no
 * mathematics: {@code %} comments, spacing ({@code \,}, {@code \quad}), sizing ({@code \small},
 * {@code \large}, {@code \left}, {@code \right}, {@code \big}), {@code \limits}, {@code \nonumber},
 * {@code \label{...}} and alignment {@code &}. A run of letters is one word token; the parser
 * decides whether it is a function name or juxtaposed one-letter symbols.
 */
final class TexLexer {
  enum Type { COMMAND, WORD, NUMBER, SYMBOL, OPEN, CLOSE, ROW, END }

  record Token(Type type, String text, int offset) {
    boolean is(Type t, String s) {
      return type == t && text.equals(s);
    }

    boolean isSymbol(String s) {
      return is(Type.SYMBOL, s);
    }
  }

  private static final Set<String> IGNORED = Set.of(",", ";", "!", ":", " ", "quad", "qquad", "small", "large",
      "Large", "LARGE", "huge", "Huge", "normalsize", "footnotesize", "scriptsize", "tiny", "displaystyle",
      "textstyle", "scriptstyle", "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
      "biggl", "biggr", "Biggl", "Biggr", "middle", "limits", "nolimits", "nonumber", "notag", "thinspace",
      "medspace", "thickspace", "enspace", "hfill", "allowbreak");

  static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '&' || c == '~') {
        i++;
      } else if (c == '%') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '\\') {
        i = command(s, i, out);
      } else if (Character.isLetter(c)) {
        int j = i;
        while (j < n && Character.isLetter(s.charAt(j))) {
          j++;
        }
        out.add(new Token(Type.WORD, s.substring(i, j), i));
        i = j;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < n && Character.isDigit(s.charAt(j))) {
          j++;
        }
        if (j + 1 < n && s.charAt(j) == '.' && Character.isDigit(s.charAt(j + 1))) {
          j++;
          while (j < n && Character.isDigit(s.charAt(j))) {
            j++;
          }
        }
        out.add(new Token(Type.NUMBER, s.substring(i, j), i));
        i = j;
      } else if (c == '{') {
        out.add(new Token(Type.OPEN, "{", i++));
      } else if (c == '}') {
        out.add(new Token(Type.CLOSE, "}", i++));
      } else {
        out.add(new Token(Type.SYMBOL, String.valueOf(c), i++));
      }
    }
    out.add(new Token(Type.END, "", n));
    return out;
  }

  private static int command(String s, int i, List<Token> out) {
    int n = s.length();
    if (i + 1 >= n) {
      return n;
    }
    char d = s.charAt(i + 1);
    if (d == '\\') {
      out.add(new Token(Type.ROW, "\\\\", i));
      int j = i + 2;
      // An optional row spacing such as \\[2pt].
      if (j < n && s.charAt(j) == '[') {
        int close = s.indexOf(']', j);
        if (close > 0 && close - j < 12) {
          return close + 1;
        }
      }
      return j;
    }
    if (!Character.isLetter(d)) {
      String name = String.valueOf(d);
      if (!IGNORED.contains(name)) {
        // \| is the norm's bar, kept apart from the absolute value's |
        out.add(new Token(d == '{' || d == '}' || d == '|' ? Type.SYMBOL : Type.COMMAND, d == '|' ? "\u2016" : name, i));
      }
      return i + 2;
    }
    int j = i + 1;
    while (j < n && Character.isLetter(s.charAt(j))) {
      j++;
    }
    String name = s.substring(i + 1, j);
    if (name.equals("lVert") || name.equals("rVert") || name.equals("Vert")) {
      // \lVert v \rVert: the norm's bars, as \| v \|
      out.add(new Token(Type.SYMBOL, "\u2016", i));
      return j;
    }
    if (name.equals("label") || name.equals("tag") || name.equals("color") || name.equals("vspace")
        || name.equals("hspace")) {
      return skipGroup(s, j);
    }
    if (!IGNORED.contains(name)) {
      out.add(new Token(Type.COMMAND, name, i));
    }
    if ((name.equals("left") || name.equals("right")) && j < n && s.charAt(j) == '.') {
      return j + 1; // \left. and \right.: the invisible delimiter
    }
    return j;
  }

  /** Skips spaces and one balanced {@code {...}} group after a command that takes a label. */
  private static int skipGroup(String s, int from) {
    int j = from;
    while (j < s.length() && s.charAt(j) == ' ') {
      j++;
    }
    if (j >= s.length() || s.charAt(j) != '{') {
      return j;
    }
    int close = s.indexOf('}', j);
    return close < 0 ? s.length() : close + 1;
  }
}
