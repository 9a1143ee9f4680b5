package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {
  private final MarkdownHtml markdown = new MarkdownHtml();

  @Test
  void inlineMathKeepsStarsUnderscoresAndBackslashes() {
    assertThat(markdown.html("Let $a*b*c_{t}\\\\ x_1 * y_2$ be."))
        .isEqualTo("<p>Let <span class=\"math inline\">a*b*c_{t}\\\\ x_1 * y_2</span> be.</p>\n");
  }

  @Test
  void onlyLessGreaterAndAmpersandAreEscaped() {
    assertThat(markdown.html("$a<b>c & \"d\" 'e'$"))
        .isEqualTo("<p><span class=\"math inline\">a&lt;b&gt;c &amp; \"d\" 'e'</span></p>\n");
  }

  @Test
  void displayBlockOnItsOwnLinesKeepsLinesThatLookLikeMarkdown() {
    String md = "The sum:\n$$\\begin{aligned}\nE &= a \\\\\n+ b_{t} &= c \\\\\n# d\n\\end{aligned}$$\nAfter.\n";
    assertThat(markdown.html(md)).isEqualTo(
        "<p>The sum:</p>\n<div class=\"math-block\"><span class=\"math display\">\\begin{aligned}\n"
            + "E &amp;= a \\\\\n+ b_{t} &amp;= c \\\\\n# d\n\\end{aligned}</span></div>\n<p>After.</p>\n");
  }

  @Test
  void displayBlockWithDelimitersOnSeparateLinesKeepsTheNewlines() {
    assertThat(markdown.html("$$\nx_{t+1}\n$$\n"))
        .isEqualTo("<div class=\"math-block\"><span class=\"math display\">\nx_{t+1}\n</span></div>\n");
  }

  @Test
  void displayBlockInsideAListItem() {
    String md = "* item:\n\n    $$\\frac{\\partial E}{\\partial W}\n    = V$$\n";
    assertThat(markdown.html(md)).isEqualTo("<ul>\n<li>\n<p>item:</p>\n<div class=\"math-block\">"
        + "<span class=\"math display\">\\frac{\\partial E}{\\partial W}\n= V</span></div>\n</li>\n</ul>\n");
  }

  @Test
  void doubleDollarsWithinALineAreDisplayMath() {
    assertThat(markdown.html("so $$a_1$$ here"))
        .isEqualTo("<p>so <span class=\"math display\">a_1</span> here</p>\n");
  }

  @Test
  void pricesAndUnclosedDollarsStayText() {
    assertThat(markdown.html("costs $5 or $ 6 and $y $"))
        .isEqualTo("<p>costs $5 or $ 6 and $y $</p>\n");
  }

  @Test
  void escapedDollarIsTextAndEscapedDollarInsideMathIsMath() {
    assertThat(markdown.html("\\$x$ and $a\\$b$"))
        .isEqualTo("<p>$x$ and <span class=\"math inline\">a\\$b</span></p>\n");
  }

  @Test
  void codeSpansWin() {
    assertThat(markdown.html("`$x$` then $y$"))
        .isEqualTo("<p><code>$x$</code> then <span class=\"math inline\">y</span></p>\n");
  }

  @Test
  void emphasisAroundMathStillWorks() {
    assertThat(markdown.html("*see $a_b$*"))
        .isEqualTo("<p><em>see <span class=\"math inline\">a_b</span></em></p>\n");
  }
}
