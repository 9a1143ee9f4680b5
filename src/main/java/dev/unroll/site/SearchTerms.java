package dev.unroll.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the site's search splits text into terms, on both sides: the index ({@link SearchIndex}) and
 * the page's script ({@code assets/site.js}, which applies the same three rules to a query). Lower
 * case; a term is a run of ASCII letters and digits; stop words are dropped; a plural's final
 * {@code s} is dropped when the word is longer than three letters and does not end in {@code ss},
 * {@code us} or {@code is} ({@code gates} and {@code gate} meet, {@code loss} stays).
 */
final class SearchTerms {
  /** Words too common to tell lessons apart; the index carries this list to the page's script. */
  static final Set<String> STOP_WORDS = new TreeSet<>(List.of("a", "an", "and", "are", "as", "at", "be", "by", "for",
      "from", "in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "with"));

  private SearchTerms() {
  }

  static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!word.isEmpty() && !STOP_WORDS.contains(word)) {
        out.add(fold(word));
      }
    }
    return out;
  }

  static String fold(String word) {
    boolean plural = word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
        && !word.endsWith("is");
    return plural ? word.substring(0, word.length() - 1) : word;
  }
}
