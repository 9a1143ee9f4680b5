package dev.unroll.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unroll.pipeline.LessonSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site's search index, built at site-build time in Java and read in the browser by lunr
 * ({@code lunr.Index.load}). Each lesson is a document with three fields: {@code facts} (cell,
 * activation, parameter, loss, N), {@code title} and {@code text} (the words of its page, formulas
 * left out). Terms are weighted by BM25 as lunr's own builder weighs them (k1 = 1.2, b = 0.75, three
 * decimals), facts five times and titles three times as much as text.
 *
 * <p>Lunr's stemmer is not used: words are split by {@link SearchTerms}, whose rules the page's script
 * applies to a query (the stop words travel in the index), so the index and the query agree by
 * construction. The output is a script, {@code assets/search-index.js}, setting {@code UNROLL_SEARCH},
 * so that pages opened from disk (file://) can load it too. Same lessons, same bytes.
 */
final class SearchIndex {
  /** Where the index goes, relative to the site's root. */
  static final String FILE = "assets/search-index.js";

  private static final double K1 = 1.2;
  private static final double B = 0.75;
  private static final List<String> FIELDS = List.of("facts", "title", "text");
  private static final Map<String, Double> BOOST = Map.of("facts", 5.0, "title", 3.0, "text", 1.0);
  private static final Pattern ARTICLE = Pattern.compile("<article class=\"lesson\">(.*)</article>", Pattern.DOTALL);
  private static final Pattern MATH = Pattern.compile("<span class=\"math (?:inline|display)\">.*?</span>", Pattern.DOTALL);
  private static final Pattern PERMALINK = Pattern.compile("<a class=\"permalink\"[^>]*>#</a>");

  /**
   * One lesson as the search sees it.
   *
   * @param url the page, relative to the site's root
   * @param label what a result shows under the title (cell, activation, gradient, N)
   */
  record Document(String url, String title, String label, String facts, String text) {
    Document {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(facts, "facts");
      Objects.requireNonNull(text, "text");
    }
  }

  private final List<Document> documents;

  SearchIndex(List<Document> documents) {
    this.documents = List.copyOf(documents);
  }

  /** The index of a site whose lesson pages are already written under {@code root}, in grid order. */
  static SearchIndex fromPages(SiteGrid grid, Path root) throws IOException {
    List<Document> documents = new ArrayList<>();
    for (LessonSpec spec : grid.specs()) {
      String page = Files.readString(root.resolve(LessonPages.page(spec)), StandardCharsets.UTF_8);
      String activation = spec.activation().isEmpty() ? "" : spec.activation() + " ";
      String facts = LessonPages.cellName(spec) + " " + grid.cellTitle(spec.cell()) + " " + activation + spec.wrt() + " "
          + spec.loss().spelled() + " loss N " + spec.steps() + " N" + spec.steps() + " " + spec.steps()
          + (spec.steps() == 1 ? " stage" : " stages");
      String label = LessonPages.cellName(spec) + (spec.activation().isEmpty() ? "" : ", " + spec.activation()) + " · "
          + spec.loss().spelled() + " loss by " + spec.wrt() + " · N = " + spec.steps();
      documents.add(new Document(LessonPages.page(spec), LessonPages.title(spec), label, facts, text(page)));
    }
    return new SearchIndex(documents);
  }

  /** The words a reader sees in a page's lesson: no tags, no formulas, entities decoded. */
  static String text(String page) {
    Matcher article = ARTICLE.matcher(page);
    String html = article.find() ? article.group(1) : page;
    html = PERMALINK.matcher(html).replaceAll(" ");
    html = MATH.matcher(html).replaceAll(" ");
    String text = html.replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&");
    return text.replaceAll("\\s+", " ").strip();
  }

  /** The script that defines {@code UNROLL_SEARCH}: lunr's serialised index, the documents and the stop words. */
  String script() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("stopWords", List.copyOf(SearchTerms.STOP_WORDS));
    List<Map<String, String>> docs = new ArrayList<>();
    for (Document d : documents) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("url", d.url());
      m.put("title", d.title());
      m.put("label", d.label());
      docs.add(m);
    }
    data.put("documents", docs);
    data.put("index", lunrIndex());
    try {
      ObjectMapper json = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);
      return "// The site's search index for lunr " + LunrAssets.VERSION + ", written by unroll site.\n"
          + "window.UNROLL_SEARCH = " + json.writeValueAsString(data) + ";\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The index in lunr's serialised form (what {@code lunr.Index.prototype.toJSON} writes). */
  Map<String, Object> lunrIndex() {
    int n = documents.size();
    // term -> field -> document refs, in order; every field present, as lunr's query expects
    TreeMap<String, Map<String, List<String>>> postings = new TreeMap<>();
    List<Map<String, Map<String, Integer>>> frequencies = new ArrayList<>();
    Map<String, Double> totalLength = new LinkedHashMap<>();
    for (int d = 0; d < n; d++) {
      Map<String, Map<String, Integer>> byField = new LinkedHashMap<>();
      for (String field : FIELDS) {
        List<String> terms = SearchTerms.of(field(documents.get(d), field));
        Map<String, Integer> tf = new TreeMap<>();
        for (String t : terms) {
          tf.merge(t, 1, Integer::sum);
        }
        byField.put(field, tf);
        totalLength.merge(field, (double) terms.size(), Double::sum);
        for (String t : tf.keySet()) {
          Map<String, List<String>> posting = postings.computeIfAbsent(t, k -> emptyPosting());
          posting.get(field).add(String.valueOf(d));
        }
      }
      frequencies.add(byField);
    }
    Map<String, Integer> termIndex = new LinkedHashMap<>();
    for (String t : postings.keySet()) {
      termIndex.put(t, termIndex.size());
    }
    List<Object> fieldVectors = new ArrayList<>();
    for (String field : FIELDS) {
      double average = n == 0 ? 0 : totalLength.get(field) / n;
      for (int d = 0; d < n; d++) {
        Map<String, Integer> tf = frequencies.get(d).get(field);
        int length = tf.values().stream().mapToInt(Integer::intValue).sum();
        List<Object> elements = new ArrayList<>();
        // TreeMap order of terms is their index order, as lunr's vectors need (sorted by index)
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
          double score = idf(postings.get(e.getKey()), n) * ((K1 + 1) * e.getValue())
              / (K1 * (1 - B + B * (average == 0 ? 0 : length / average)) + e.getValue()) * BOOST.get(field);
          elements.add(termIndex.get(e.getKey()));
          elements.add(Math.round(score * 1000) / 1000.0);
        }
        fieldVectors.add(List.of(field + "/" + d, elements));
      }
    }
    List<Object> inverted = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<String>>> e : postings.entrySet()) {
      Map<String, Object> posting = new LinkedHashMap<>();
      posting.put("_index", termIndex.get(e.getKey()));
      for (String field : FIELDS) {
        Map<String, Object> refs = new LinkedHashMap<>();
        for (String ref : e.getValue().get(field)) {
          refs.put(ref, Map.of());
        }
        posting.put(field, refs);
      }
      inverted.add(List.of(e.getKey(), posting));
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("version", LunrAssets.VERSION);
    index.put("fields", FIELDS);
    index.put("fieldVectors", fieldVectors);
    index.put("invertedIndex", inverted);
    index.put("pipeline", List.of());
    return index;
  }

  /** lunr.idf: how rare a term is among the documents, counted over every field it appears in. */
  private static double idf(Map<String, List<String>> posting, int documents) {
    int with = posting.values().stream().mapToInt(List::size).sum();
    double x = (documents - with + 0.5) / (with + 0.5);
    return Math.log(1 + Math.abs(x));
  }

  private static Map<String, List<String>> emptyPosting() {
    Map<String, List<String>> posting = new LinkedHashMap<>();
    for (String field : FIELDS) {
      posting.put(field, new ArrayList<>());
    }
    return posting;
  }

  private static String field(Document d, String field) {
    return switch (field) {
      case "facts" -> d.facts();
      case "title" -> d.title();
      case "text" -> d.text();
      default -> throw new IllegalArgumentException(field);
    };
  }
}
