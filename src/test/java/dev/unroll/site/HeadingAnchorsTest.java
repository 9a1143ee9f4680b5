package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HeadingAnchorsTest {
  @Test
  void everyHeadingGetsAUniqueIdAndAPermalinkAndSectionsMakeTheContents() {
    String html = "<h1>Gradient: 3 stages</h1>\n<p>x</p>\n<h2>The path along <span class=\"math inline\">\\tilde{c}_t</span></h2>\n"
        + "<h4>W gradient at time (3)</h4>\n<h2>Checked</h2>\n<h3>Checked</h3>\n<h2>Search &amp; find</h2>\n";
    HeadingAnchors.Anchored a = HeadingAnchors.anchor(html, Set.of("search-find"));
    assertThat(a.html()).contains("<h1 id=\"gradient-3-stages\">Gradient: 3 stages<a class=\"permalink\" href=\"#gradient-3-stages\"")
        .contains("<h2 id=\"the-path-along-c-t\">The path along <span class=\"math inline\">\\tilde{c}_t</span><a class=\"permalink\"")
        .contains("<h4 id=\"w-gradient-at-time-3\">")
        .contains("<h2 id=\"checked\">").contains("<h3 id=\"checked-2\">")
        .contains("<h2 id=\"search-find-2\">");
    assertThat(a.contents()).extracting(HeadingAnchors.Entry::id)
        .containsExactly("the-path-along-c-t", "checked", "checked-2", "search-find-2");
    assertThat(a.contents().get(0).html()).isEqualTo("The path along <span class=\"math inline\">\\tilde{c}_t</span>");
    assertThat(HeadingAnchors.anchor(html, Set.of("search-find"))).isEqualTo(a);
  }

  @Test
  void anIdStartsWithALetter() {
    assertThat(HeadingAnchors.slug("3 stages")).isEqualTo("section-3-stages");
    assertThat(HeadingAnchors.slug("<span class=\"math inline\">\\sum</span>")).isEqualTo("section");
  }
}
