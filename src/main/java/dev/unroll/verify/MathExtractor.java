package dev.unroll.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Second stage of {@code verify}: finds the mathematics in a segment. In Markdown: {@code $...$},
 * {@code $$...$$}, fenced {@code ```math} blocks, and the LaTeX forms below; code spans and other
 * fenced blocks are skipped. In LaTeX: {@code \[...\]}, {@code \(...\)}, {@code $...$},
 * {@code $$...$$} and the display environments in {@link #ENVIRONMENTS}; {@code %} comments are
 * skipped. Also returns the prose: the text with code and display mathematics blanked out (offsets
 * kept), which the prose-claim reader scans.
 *
 * <p>Runs in one pass over the text; an unclosed delimiter ends the scan of that delimiter's kind at
 * the end of the segment, reported by the caller as a finding.
 */
public final class MathExtractor {
  /** Display environments read as mathematics outside any other delimiter. */
  public static final Set<String> ENVIRONMENTS = Set.of("equation", "equation*", "align", "align*", "gather",
      "gather*", "multline", "multline*", "eqnarray", "eqnarray*", "displaymath", "aligned", "gathered");

  /** What one segment holds. {@code unclosed} lists offsets of opening delimiters that were never closed. */
  public record Result(List<MathSpan> spans, String prose, List<Integer> unclosed) {}

  public Result extract(Segment segment, boolean markdown) {
    String s = segment.text();
    StringBuilder prose = new StringBuilder(s);
    List<MathSpan> spans = new ArrayList<>();
    List<Integer> unclosed = new ArrayList<>();
    int n = s.length();
    int i = 0;
    boolean lineStart = true;
    while (i < n) {
      char c = s.charAt(i);
      if (markdown && lineStart && isFence(s, i)) {
        i = fence(segment, i, spans, prose);
        lineStart = true;
        continue;
      }
      lineStart = c == '\n' || (lineStart && (c == ' ' || c == '\t'));
      if (markdown && s.startsWith("<!--", i)) {
        // An HTML comment shows nothing, so its mathematics is no claim (the expectations and options
        // people leave for tools live there).
        int close = s.indexOf("-->", i + 4);
        int end = close < 0 ? n : close + 3;
        blank(prose, i, end);
        i = end;
        continue;
      }
      if (markdown && c == '`') {
        int run = run(s, i, '`');
        int close = s.indexOf("`".repeat(run), i + run);
        int end = close < 0 ? i + run : close + run;
        blank(prose, i, end);
        i = end;
        continue;
      }
      if (!markdown && c == '%') {
        int end = lineEnd(s, i);
        blank(prose, i, end);
        i = end;
        continue;
      }
      if (c == '\\' && i + 1 < n) {
        char d = s.charAt(i + 1);
        if (d == '[' || d == '(') {
          String closer = d == '[' ? "\\]" : "\\)";
          i = delimited(segment, i, 2, closer, d == '[', d == '[' ? "\\[" : "\\(", spans, prose, unclosed);
          continue;
        }
        if (s.startsWith("\\begin{", i)) {
          int close = s.indexOf('}', i + 7);
          String env = close < 0 ? "" : s.substring(i + 7, close);
          if (ENVIRONMENTS.contains(env)) {
            i = delimited(segment, i, close + 1 - i, "\\end{" + env + "}", true, env, spans, prose, unclosed);
            continue;
          }
        }
        i += 2;
        continue;
      }
      if (c == '$') {
        if (i + 1 < n && s.charAt(i + 1) == '$') {
          i = delimited(segment, i, 2, "$$", true, "$$", spans, prose, unclosed);
        } else {
          i = inlineDollar(segment, i, spans, prose);
        }
        continue;
      }
      i++;
    }
    return new Result(spans, prose.toString(), unclosed);
  }

  /** A span from {@code open} (delimiter of {@code openLength}) to {@code closer}; display spans are blanked from the prose. */
  private static int delimited(Segment seg, int open, int openLength, String closer, boolean display, String name,
      List<MathSpan> spans, StringBuilder prose, List<Integer> unclosed) {
    String s = seg.text();
    int start = open + openLength;
    int close = find(s, closer, start);
    if (close < 0) {
      unclosed.add(open);
      blank(prose, open, s.length());
      return s.length();
    }
    spans.add(new MathSpan(seg, start, close, open, display, name));
    int end = close + closer.length();
    if (display) {
      blank(prose, open, end);
    } else {
      blank(prose, open, start);
      blank(prose, close, end);
    }
    return end;
  }

  /** {@code $...$} on one paragraph; a {@code $} followed by a space or digit-only currency is left as text. */
  private static int inlineDollar(Segment seg, int open, List<MathSpan> spans, StringBuilder prose) {
    String s = seg.text();
    int n = s.length();
    int j = open + 1;
    if (j >= n || Character.isWhitespace(s.charAt(j))) {
      return open + 1;
    }
    while (j < n) {
      char c = s.charAt(j);
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == '$') {
        break;
      }
      if (c == '\n' && blankLineFollows(s, j)) {
        return open + 1;
      }
      j++;
    }
    if (j >= n) {
      return open + 1;
    }
    spans.add(new MathSpan(seg, open + 1, j, open, false, "$"));
    blank(prose, open, open + 1);
    blank(prose, j, j + 1);
    return j + 1;
  }

  private static int fence(Segment seg, int i, List<MathSpan> spans, StringBuilder prose) {
    String s = seg.text();
    int first = skipIndent(s, i);
    char mark = s.charAt(first);
    int run = run(s, first, mark);
    int infoEnd = lineEnd(s, first);
    String info = s.substring(first + run, infoEnd).trim();
    int bodyStart = Math.min(infoEnd + 1, s.length());
    int j = bodyStart;
    while (j < s.length()) {
      int k = skipIndent(s, j);
      if (k < s.length() && s.charAt(k) == mark && run(s, k, mark) >= run) {
        break;
      }
      j = lineEnd(s, j) + 1;
    }
    boolean closed = j < s.length();
    int contentEnd = closed ? Math.max(bodyStart, j - 1) : s.length();
    int end = closed ? Math.min(lineEnd(s, j) + 1, s.length()) : s.length();
    if (info.equals("math")) {
      spans.add(new MathSpan(seg, bodyStart, contentEnd, i, true, "math"));
    }
    blank(prose, i, end);
    return end;
  }

  private static boolean isFence(String s, int i) {
    int k = skipIndent(s, i);
    return k < s.length() && (s.charAt(k) == '`' || s.charAt(k) == '~') && run(s, k, s.charAt(k)) >= 3
        && k - i < 4;
  }

  private static int skipIndent(String s, int i) {
    int k = i;
    while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
      k++;
    }
    return k;
  }

  private static boolean blankLineFollows(String s, int newline) {
    int k = newline + 1;
    while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
      k++;
    }
    return k >= s.length() || s.charAt(k) == '\n';
  }

  /** The first unescaped occurrence of {@code closer} at or after {@code from}. */
  private static int find(String s, String closer, int from) {
    int j = from;
    while (true) {
      int k = s.indexOf(closer, j);
      if (k < 0) {
        return -1;
      }
      if (closer.charAt(0) == '$' && k > 0 && s.charAt(k - 1) == '\\' && !escapedBackslash(s, k - 1)) {
        j = k + 1;
        continue;
      }
      return k;
    }
  }

  private static boolean escapedBackslash(String s, int backslash) {
    return backslash > 0 && s.charAt(backslash - 1) == '\\';
  }

  private static int run(String s, int i, char c) {
    int k = i;
    while (k < s.length() && s.charAt(k) == c) {
      k++;
    }
    return k - i;
  }

  private static int lineEnd(String s, int i) {
    int k = s.indexOf('\n', i);
    return k < 0 ? s.length() : k;
  }

  private static void blank(StringBuilder prose, int from, int to) {
    for (int k = from; k < Math.min(to, prose.length()); k++) {
      if (prose.charAt(k) != '\n') {
        prose.setCharAt(k, ' ');
      }
    }
  }
}
