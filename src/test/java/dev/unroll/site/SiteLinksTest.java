package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link checker finds what it is for: a missing page, a missing anchor, a request to another host. */
class SiteLinksTest {
  @TempDir
  Path site;

  @Test
  void reportsMissingPagesAnchorsAndForeignHosts() throws Exception {
    Files.writeString(site.resolve("index.html"), "<h2 id=\"rnn\">x</h2><a href=\"#rnn\">ok</a><a href=\"#gone\">bad</a>"
        + "<a href=\"a/index.html#top\">ok</a><a href=\"a/index.html#nowhere\">bad</a><a href=\"b.html\">bad</a>"
        + "<script src=\"https://cdn.example/x.js\"></script>");
    Files.createDirectories(site.resolve("a"));
    Files.writeString(site.resolve("a/index.html"), "<h1 id=\"top\">a</h1><a href=\"../index.html#rnn\">ok</a>");
    assertThat(SiteLinks.problems(site)).containsExactly(
        "index.html: '#gone' names no element of index.html",
        "index.html: 'a/index.html#nowhere' names no element of a/index.html",
        "index.html: 'b.html' is missing",
        "index.html: 'https://cdn.example/x.js' leaves the site");
  }
}
