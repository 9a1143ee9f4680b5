package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchIndexTest {
  @Test
  void termsAreLowerCaseWordsWithoutStopWordsOrPluralS() {
    assertThat(SearchTerms.of("The Forget gates of an LSTM-cell, N=3; loss, analysis, sigmoids"))
        .containsExactly("forget", "gate", "lstm", "cell", "n", "3", "loss", "analysis", "sigmoid");
  }

  @Test
  void thePageTextLeavesOutFormulasTagsAndPermalinks() {
    String page = "<nav>sidebar words</nav><article class=\"lesson\">\n<h2 id=\"x\">The gate<a class=\"permalink\" href=\"#x\">#</a></h2>"
        + "<p>A &lt;b&gt; <span class=\"math inline\">\\sigma_g(z)</span> forget &amp; remember</p></article>";
    assertThat(SearchIndex.text(page)).isEqualTo("The gate A <b> forget & remember");
  }

  /** BM25 weights as lunr's builder computes them, worked out by hand for a corpus of two. */
  @Test
  @SuppressWarnings("unchecked")
  void theIndexIsLunrsSerialisedFormWithBm25Weights() {
    SearchIndex index = new SearchIndex(List.of(
        new SearchIndex.Document("a.html", "X", "a", "lstm", "forget gate forget"),
        new SearchIndex.Document("b.html", "Y", "b", "gru", "update gate")));
    Map<String, Object> lunr = index.lunrIndex();
    assertThat(lunr.get("version")).isEqualTo("2.3.9");
    assertThat(lunr.get("fields")).isEqualTo(List.of("facts", "title", "text"));
    List<List<Object>> inverted = (List<List<Object>>) lunr.get("invertedIndex");
    assertThat(inverted).extracting(t -> t.get(0)).containsExactly("forget", "gate", "gru", "lstm", "update", "x", "y");
    Map<String, Object> gate = (Map<String, Object>) inverted.get(1).get(1);
    assertThat(gate).containsEntry("_index", 1)
        .containsEntry("facts", Map.of()).containsEntry("title", Map.of())
        .containsEntry("text", Map.of("0", Map.of(), "1", Map.of()));
    List<List<Object>> vectors = (List<List<Object>>) lunr.get("fieldVectors");
    List<Object> textA = vectors.stream().filter(v -> v.get(0).equals("text/0")).findFirst().orElseThrow();
    // text/0 holds forget (tf 2) and gate (tf 1) in 3 terms; the average text length is 2.5.
    // idf(forget) = ln(1 + (2 - 1 + 0.5) / 1.5) = ln 2; idf(gate) = ln(1 + 0.5 / 2.5) = ln 1.2.
    double norm = 1.2 * (1 - 0.75 + 0.75 * 3 / 2.5);
    double forget = Math.log(2) * 2.2 * 2 / (norm + 2);
    double gateWeight = Math.log(1.2) * 2.2 / (norm + 1);
    assertThat((List<Object>) textA.get(1)).containsExactly(0, Math.round(forget * 1000) / 1000.0, 1,
        Math.round(gateWeight * 1000) / 1000.0);
    List<Object> factsB = vectors.stream().filter(v -> v.get(0).equals("facts/1")).findFirst().orElseThrow();
    // facts weigh five times: gru alone in a field of average length 1, idf = ln(1 + 1.5 / 1.5) = ln 2
    assertThat((List<Object>) factsB.get(1)).containsExactly(2, Math.round(Math.log(2) * 2.2 / 2.2 * 5 * 1000) / 1000.0);
    assertThat(index.script()).startsWith("// The site's search index for lunr 2.3.9").contains("window.UNROLL_SEARCH = {")
        .isEqualTo(index.script());
  }
}
