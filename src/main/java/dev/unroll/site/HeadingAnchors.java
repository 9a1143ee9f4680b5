package dev.unroll.site;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every heading of a lesson's HTML an {@code id} and a permalink, and collects the table of
 * contents. An id is the heading's words in lower case joined by hyphens, a formula counting by the
 * letters and digits of its TeX ({@code The path along $c_t$} becomes {@code the-path-along-c-t});
 * a repeated id gets {@code -2}, {@code -3}, in page order. The same HTML always gives the same ids.
 */
final class HeadingAnchors {
  private static final Pattern HEADING = Pattern.compile("<h([1-6])>(.*?)</h\\1>", Pattern.DOTALL);
  private static final Pattern MATH = Pattern.compile("<span class=\"math (?:inline|display)\">(.*?)</span>", Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  /** One entry of a page's table of contents: the heading's level, id and inner HTML (formulas kept). */
  record Entry(int level, String id, String html) {
    Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(html, "html");
    }
  }

  /** The HTML with ids and permalinks, and its headings of levels 2 and 3 for the table of contents. */
  record Anchored(String html, List<Entry> contents) {
    Anchored {
      contents = List.copyOf(contents);
    }
  }

  private HeadingAnchors() {
  }

  /**
   * Anchors the headings of {@code html}.
   *
   * @param taken ids the page already uses outside this HTML (the page's own headings), never given again
   */
  static Anchored anchor(String html, Set<String> taken) {
    Set<String> used = new HashSet<>(taken);
    List<Entry> contents = new ArrayList<>();
    StringBuilder out = new StringBuilder(html.length() + 512);
    Matcher m = HEADING.matcher(html);
    int last = 0;
    while (m.find()) {
      int level = Integer.parseInt(m.group(1));
      String inner = m.group(2);
      String id = unique(slug(inner), used);
      out.append(html, last, m.start());
      out.append("<h").append(level).append(" id=\"").append(id).append("\">").append(inner)
          .append("<a class=\"permalink\" href=\"#").append(id).append("\" aria-label=\"Link to this section\">#</a></h")
          .append(level).append('>');
      last = m.end();
      if (level == 2 || level == 3) {
        contents.add(new Entry(level, id, inner));
      }
    }
    out.append(html, last, html.length());
    return new Anchored(out.toString(), contents);
  }

  /** The id a heading's inner HTML gets before it is made unique. */
  static String slug(String innerHtml) {
    Matcher math = MATH.matcher(innerHtml);
    StringBuilder text = new StringBuilder();
    int last = 0;
    while (math.find()) {
      text.append(innerHtml, last, math.start()).append(' ').append(tex(math.group(1))).append(' ');
      last = math.end();
    }
    text.append(innerHtml, last, innerHtml.length());
    String plain = TAG.matcher(text).replaceAll(" ").replaceAll("&[a-zA-Z]+;|&#[0-9]+;", " ");
    String id = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return id.isEmpty() || !Character.isLetter(id.charAt(0)) ? "section" + (id.isEmpty() ? "" : "-" + id) : id;
  }

  /** A formula's letters and digits: control words are dropped, so {@code \tilde{c}_t} reads {@code c t}. */
  private static String tex(String tex) {
    return tex.replaceAll("\\\\[A-Za-z]+", " ");
  }

  private static String unique(String id, Set<String> used) {
    String candidate = id;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = id + "-" + n;
    }
    return candidate;
  }
}
