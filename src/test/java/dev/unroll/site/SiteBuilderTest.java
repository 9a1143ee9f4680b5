package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteBuilderTest {
  @TempDir
  Path tmp;

  /** A small grid (W and V, tanh, both losses, N = 1..3: 12 lessons) so the test stays quick. */
  private Path smallConfig() throws IOException {
    Path file = tmp.resolve("small.properties");
    Files.writeString(file, "title = Small site\ncells = rnn\nparameters = W, V\nactivations = tanh\nmax-steps = 3\n");
    return file;
  }

  static Map<String, String> tree(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        out.put(root.relativize(p).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }

  private static List<String> siblings(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void buildsEveryPageWithItsVersionsAndPicturesAndNoBrokenLink() throws Exception {
    Path out = tmp.resolve("site");
    Path index = new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(smallConfig()), out, SiteBuilder.Progress.NONE);
    assertThat(index).isEqualTo(out.resolve("index.html"));
    String slug = "rnn-tanh-W-last-3";
    for (String f : List.of("index.html", slug + ".md", slug + ".tex", slug + ".ipynb", "diagram.svg",
        FakeLessons.PICTURE)) {
      assertThat(out.resolve("lessons/" + slug + "/" + f)).isRegularFile();
    }
    try (Stream<Path> lessons = Files.list(out.resolve("lessons"))) {
      assertThat(lessons.count()).isEqualTo(12);
    }
    assertThat(out.resolve("katex/katex.min.js")).isRegularFile();
    assertThat(out.resolve("katex/fonts/KaTeX_Main-Regular.woff2")).isRegularFile();
    assertThat(SiteLinks.problems(out)).isEmpty();
    String page = Files.readString(out.resolve("lessons/" + slug + "/index.html"));
    assertThat(page).contains("<title>Gradient of the last loss by W: rnn, tanh, 3 stages · Small site</title>")
        .contains("href=\"../rnn-tanh-W-last-2/index.html\"").doesNotContain("rnn-tanh-W-last-4")
        .contains("<span class=\"math inline\">\\frac{d}{dz}\\tanh z = \\sech^2 z = 1 - \\tanh^2 z</span>");
    String first = Files.readString(out.resolve("lessons/rnn-tanh-W-last-1/index.html"));
    assertThat(first).contains("href=\"../rnn-tanh-W-last-2/index.html\"").doesNotContain("rel=\"prev\"");
    String home = Files.readString(index);
    assertThat(home).contains("<h1 id=\"lessons\">Small site</h1>").contains("12 lessons")
        .contains("<a href=\"lessons/rnn-tanh-V-total-3/index.html\" title=\"N = 3\">3</a>")
        .contains("<h2 id=\"rnn-tanh\">Simple recurrent network (rnn, tanh)")
        .contains("<p>12 lessons on one cell: rnn (Simple recurrent network).")
        .contains("<li id=\"rnn-tanh-V-total\"><a class=\"gradient-link\" href=\"lessons/rnn-tanh-V-total-1/index.html\">");
    assertThat(page).contains("<nav id=\"breadcrumb\"").contains("<aside id=\"contents\"")
        .contains("<a href=\"../../lessons/rnn-tanh-W-last-3/index.html\" title=\"N = 3\" aria-current=\"page\">3</a>")
        .contains("<h2 id=\"notes\">Notes<a class=\"permalink\" href=\"#notes\"")
        .contains("<li class=\"toc-2\"><a href=\"#notes\">Notes</a></li>");
    String search = Files.readString(out.resolve("assets/search-index.js"));
    assertThat(search).startsWith("// The site's search index for lunr 2.3.9").contains("\"url\":\"lessons/rnn-tanh-W-last-3/index.html\"");
    assertThat(out.resolve("lunr/lunr.min.js")).isRegularFile();
    String tex = Files.readString(out.resolve("lessons/" + slug + "/" + slug + ".tex"));
    assertThat(tex).contains("\\usepackage{pict2e}").doesNotContain("tikz")
        .contains("\\maketitle\n\\begin{center}\n\\setlength{\\unitlength}{0.6875pt}%\n\\begin{picture}(");
  }

  @Test
  void aGatedLessonsPageCarriesItsPlotAndStillShowsTheNetwork() throws Exception {
    Path config = tmp.resolve("gated.properties");
    Files.writeString(config, "cells = lstm, gru\nparameters.lstm = Uf\nparameters.gru = Uz\nlosses = last\nmax-steps = 2\n");
    Path out = tmp.resolve("site");
    dev.unroll.pipeline.Pipeline pipeline = dev.unroll.pipeline.TextbookPipelines.withoutChecks();
    new SiteBuilder(pipeline::lesson, 2).build(SiteConfig.load(config), out, SiteBuilder.Progress.NONE);
    for (String cell : List.of("lstm", "gru")) {
      dev.unroll.pipeline.LessonSpec spec = new dev.unroll.pipeline.LessonSpec(cell, 2, cell.equals("lstm") ? "Uf" : "Uz",
          "", dev.unroll.derive.LossKind.LAST);
      dev.unroll.pipeline.Lesson lesson = pipeline.lesson(spec);
      assertThat(lesson.attachments()).as(cell).hasSize(1);
      String plot = lesson.attachments().keySet().iterator().next();
      assertThat(plot).isEqualTo(spec.slug() + "-norms.svg").doesNotContain("--");
      Path dir = out.resolve("lessons/" + spec.slug());
      assertThat(dir.resolve(plot)).as(cell).hasContent(lesson.attachments().get(plot));
      String page = Files.readString(dir.resolve("index.html"));
      // The lesson shows its own picture of the network; the page carries it at the path the lesson links.
      String picture = dev.unroll.pipeline.Lesson.diagramPath(spec).orElseThrow();
      assertThat(lesson.markdown()).as(cell).contains("](" + picture + ")");
      assertThat(page).as(cell).contains("<img src=\"" + plot + "\"").contains("<img src=\"" + picture + "\"");
      assertThat(dir.resolve(picture)).as(cell).exists();
    }
    assertThat(SiteLinks.problems(out)).isEmpty();
  }

  @Test
  void twoBuildsGiveByteIdenticalTrees() throws Exception {
    SiteConfig config = SiteConfig.load(smallConfig());
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    new SiteBuilder(new FakeLessons(), 2).build(config, a, SiteBuilder.Progress.NONE);
    new SiteBuilder(new FakeLessons(), 1).build(config, b, SiteBuilder.Progress.NONE);
    Map<String, String> first = tree(a);
    assertThat(first).hasSizeGreaterThan(12 * 6);
    assertThat(tree(b)).isEqualTo(first);
    new SiteBuilder(new FakeLessons(), 2).build(config, a, SiteBuilder.Progress.NONE);
    assertThat(tree(a)).isEqualTo(first);
  }

  @Test
  void aTemplateErrorOnPage37LeavesThePreviousSiteAndNamesThePage() throws Exception {
    Path out = tmp.resolve("out").resolve("site");
    new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(smallConfig()), out, SiteBuilder.Progress.NONE);
    Map<String, String> before = tree(out);
    Path templates = Files.createDirectories(tmp.resolve("my-templates"));
    String lesson;
    try (InputStream in = getClass().getResourceAsStream("/templates/site/lesson.ftl")) {
      lesson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(templates.resolve("lesson.ftl"),
        lesson.replace("<p class=\"lesson-facts\">", "[#if number == 37][=noSuchField][/#if]\n<p class=\"lesson-facts\">"));
    Path config = tmp.resolve("broken.properties");
    Files.writeString(config, "templates = my-templates\n");
    assertThatThrownBy(() -> new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(config), out, SiteBuilder.Progress.NONE))
        .isInstanceOf(SiteBuildException.class)
        .hasMessageStartingWith("The site was not built: page 37 of 128 (lessons/rnn-tanh-V-last-5/index.html) failed:"
            + " the template lesson.ftl failed at line ")
        .hasMessageContaining("noSuchField")
        .hasMessageEndingWith("The previous site is unchanged.");
    assertThat(tree(out)).isEqualTo(before);
    assertThat(siblings(out.getParent())).containsExactly(".site.unroll", "site");
    assertThat(siblings(out.getParent().resolve(".site.unroll"))).hasSize(2).contains(".lock"); // the build, the lock
  }

  @Test
  void aFailingLessonNamesItsPageAndKeepsTheOldSite() throws Exception {
    Path out = tmp.resolve("site");
    SiteConfig config = SiteConfig.load(smallConfig());
    new SiteBuilder(new FakeLessons(), 2).build(config, out, SiteBuilder.Progress.NONE);
    Map<String, String> before = tree(out);
    assertThatThrownBy(() -> new SiteBuilder(new FakeLessons("rnn-tanh-V-last-2"), 2).build(config, out, SiteBuilder.Progress.NONE))
        .hasMessage("The site was not built: page 8 of 12 (lessons/rnn-tanh-V-last-2/index.html) failed: the derivation"
            + " of rnn-tanh-V-last-2 ran out of patience. The previous site is unchanged.");
    assertThat(tree(out)).isEqualTo(before);
  }

  @Test
  void aBadConfigFailsBeforeTouchingAnything() throws Exception {
    Path out = tmp.resolve("site");
    new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(smallConfig()), out, SiteBuilder.Progress.NONE);
    Map<String, String> before = tree(out);
    Path bad = tmp.resolve("bad.properties");
    Files.writeString(bad, "parameters = W, Q\n");
    assertThatThrownBy(() -> new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(bad), out, SiteBuilder.Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The site's parameters name 'Q', which no cell of the site has.");
    assertThat(tree(out)).isEqualTo(before);
    assertThat(siblings(tmp)).containsExactly(".site.unroll", "bad.properties", "site", "small.properties");
  }

  @Test
  void refusesToReplaceAFolderItDidNotBuild() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("documents"));
    Files.writeString(out.resolve("thesis.txt"), "precious");
    assertThatThrownBy(() -> new SiteBuilder(new FakeLessons(), 1).build(SiteConfig.load(smallConfig()), out, SiteBuilder.Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds other files");
    assertThat(Files.readString(out.resolve("thesis.txt"))).isEqualTo("precious");
    assertThat(siblings(tmp)).containsExactly("documents", "small.properties");
  }

  @Test
  void writesNothingOutsideTheOutputFolder() throws Exception {
    Path parent = Files.createDirectories(tmp.resolve("parent"));
    new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(smallConfig()), parent.resolve("site"), SiteBuilder.Progress.NONE);
    // The site is a link to its one build in the hidden store beside it, which holds the lock; no staging is left.
    assertThat(siblings(parent)).containsExactly(".site.unroll", "site");
    assertThat(Files.isSymbolicLink(parent.resolve("site"))).isTrue();
    assertThat(siblings(parent.resolve(".site.unroll"))).hasSize(2).contains(".lock");
    assertThatThrownBy(() -> SiteBuilder.write(parent.resolve("site"), "../escape.txt", new byte[0]))
        .hasMessageContaining("outside the site folder");
    assertThat(siblings(parent)).containsExactly(".site.unroll", "site");
  }
}
