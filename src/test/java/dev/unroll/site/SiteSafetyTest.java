package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.files.OutputBusyException;
import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site built from other people's files, and built twice at once. */
class SiteSafetyTest {
  @TempDir
  Path tmp;

  private Path smallConfig() throws IOException {
    Path file = tmp.resolve("small.properties");
    Files.writeString(file, "title = Small site\ncells = rnn\nparameters = W, V\nactivations = tanh\nmax-steps = 3\n");
    return file;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The whole small site: every page, the marker, KaTeX, the assets, and every link resolving. */
  private static void assertWholeSite(Path out) throws IOException {
    assertThat(out.resolve("index.html")).isRegularFile();
    assertThat(out.resolve(SiteBuilder.MARKER)).isRegularFile();
    assertThat(out.resolve("katex/katex.min.js")).isRegularFile();
    assertThat(out.resolve("assets/site.css")).isRegularFile();
    assertThat(names(out.resolve("lessons"))).hasSize(12);
    assertThat(SiteLinks.problems(out)).isEmpty();
  }

  /**
   * Three trials of two builds of one folder at once: the first is held inside its first lesson until
   * the second has tried; the second is refused at once with a sentence and writes nothing; the first
   * then leaves a whole site, and no lock or staging folder is left behind.
   */
  @RepeatedTest(3)
  void aSecondBuildIntoTheSameFolderIsRefusedAndTheFirstLeavesAWholeSite() throws Exception {
    SiteConfig config = SiteConfig.load(smallConfig());
    Path out = tmp.resolve("site");
    new SiteBuilder(new FakeLessons(), 2).build(config, out, SiteBuilder.Progress.NONE); // an older site
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeLessons fake = new FakeLessons();
    Function<LessonSpec, Lesson> held = spec -> {
      inside.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return fake.apply(spec);
    };
    CompletableFuture<Path> first = CompletableFuture.supplyAsync(
        () -> new SiteBuilder(held, 2).build(config, out, SiteBuilder.Progress.NONE));
    assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
    try {
      assertThatThrownBy(() -> new SiteBuilder(new FakeLessons(), 2).build(config, out, SiteBuilder.Progress.NONE))
          .isInstanceOf(OutputBusyException.class)
          .hasMessage("another build is writing " + out + " (it holds " + tmp.resolve(".site.unroll/.lock")
              + "); wait until it has finished and run this again.");
      assertWholeSite(out); // a reader meanwhile finds the older site, whole
    } finally {
      release.countDown();
    }
    assertThat(first.get(120, TimeUnit.SECONDS)).isEqualTo(out.resolve("index.html"));
    assertWholeSite(out);
    assertThat(names(tmp)).containsExactly(".site.unroll", "site", "small.properties");
    assertThat(names(tmp.resolve(".site.unroll"))).hasSize(2).contains(".lock"); // the build and the lock
  }

  @Test
  void aBuildRepairsWhatAKilledBuildLeft() throws Exception {
    SiteConfig config = SiteConfig.load(smallConfig());
    Path out = tmp.resolve("site");
    new SiteBuilder(new FakeLessons(), 2).build(config, out, SiteBuilder.Progress.NONE);
    Map<String, String> before = SiteBuilderTest.tree(out);
    // Killed mid-swap: the link gone, a half-written staging folder and a stray link in the store.
    Path store = tmp.resolve(".site.unroll");
    Files.delete(out);
    Path stale = Files.createDirectories(store.resolve("build-killed/lessons"));
    Files.writeString(store.resolve("build-killed").resolve(SiteBuilder.MARKER), "A site built by unroll\n");
    Files.writeString(stale.resolve("half.html"), "<p>half");
    Files.createSymbolicLink(store.resolve("link-killed"), Path.of("nowhere"));
    // The next build fails, yet first puts the last whole site back and clears the rest away.
    assertThatThrownBy(() -> new SiteBuilder(new FakeLessons("rnn-tanh-W-last-1"), 2).build(config, out,
        SiteBuilder.Progress.NONE)).isInstanceOf(SiteBuildException.class);
    assertThat(SiteBuilderTest.tree(out)).isEqualTo(before);
    assertThat(names(store)).hasSize(2).contains(".lock")
        .noneMatch(n -> n.equals("build-killed") || n.equals("link-killed"));
  }

  @Test
  void aSiteFromBeforeSitesWereLinksIsReplacedWhole() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("site"));
    Files.writeString(out.resolve(SiteBuilder.MARKER), "A site built by unroll\n");
    Files.writeString(out.resolve("old.html"), "old");
    new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(smallConfig()), out, SiteBuilder.Progress.NONE);
    assertThat(Files.isSymbolicLink(out)).isTrue();
    assertThat(out.resolve("old.html")).doesNotExist();
    assertWholeSite(out);
    assertThat(names(tmp.resolve(".site.unroll"))).hasSize(2).contains(".lock");
  }

  @Test
  void aLinkUnrollDidNotMakeIsRefused() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("www"));
    Path out = Files.createSymbolicLink(tmp.resolve("site"), elsewhere);
    assertThatThrownBy(() -> new SiteBuilder(new FakeLessons(), 1).build(SiteConfig.load(smallConfig()), out,
        SiteBuilder.Progress.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("which unroll did not make");
    assertThat(names(elsewhere)).isEmpty();
  }

  @Test
  void aCellTitleIsTextOnEveryPageNotMarkup() throws Exception {
    String rnn;
    try (InputStream in = getClass().getResourceAsStream("/cells/rnn.cell")) {
      rnn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String title = "<script>alert(1)</script> <img src=x onerror=alert(2)> *b* `c` & $e$";
    Files.writeString(tmp.resolve("evil.cell"),
        rnn.replace("cell rnn \"Simple recurrent network\"", "cell evil \"" + title + "\""));
    Path config = Files.writeString(tmp.resolve("evil.properties"),
        "cells = evil.cell\nparameters = W\nactivations = tanh\nlosses = last\nmax-steps = 1\n");
    Path out = tmp.resolve("site");
    new SiteBuilder(new FakeLessons(), 1).build(SiteConfig.load(config), out, SiteBuilder.Progress.NONE);
    String page = Files.readString(out.resolve("lessons/evil-tanh-W-last-1/index.html"));
    assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<em>b</em>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; *b* `c` &amp; $e$")
        .doesNotContain("<span class=\"math inline\">e</span>");
    String index = Files.readString(out.resolve("index.html"));
    assertThat(index).doesNotContain("<script>alert").doesNotContain("<img src=x");
    String md = Files.readString(out.resolve("lessons/evil-tanh-W-last-1/evil-tanh-W-last-1.md"));
    assertThat(md).contains("# \\<script\\>alert(1)\\</script\\>");
    String tex = Files.readString(out.resolve("lessons/evil-tanh-W-last-1/evil-tanh-W-last-1.tex"));
    assertThat(tex).contains("\\title{<script>alert(1)</script> <img src=x onerror=alert(2)> *b* `c` \\& \\$e\\$");
  }

  @Test
  void aSiteFilesTemplatesRunNoCode() throws Exception {
    Path templates = Files.createDirectories(tmp.resolve("my-templates"));
    String lesson;
    try (InputStream in = getClass().getResourceAsStream("/templates/site/lesson.ftl")) {
      lesson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path pwned = tmp.resolve("PWNED");
    Files.writeString(templates.resolve("lesson.ftl"), lesson + "[#assign ex = \"freemarker.template.utility.Execute\""
        + "?new()][=ex(\"touch " + pwned + "\")]\n");
    Path config = Files.writeString(tmp.resolve("cloned.properties"),
        "cells = rnn\nparameters = W\nactivations = tanh\nlosses = last\nmax-steps = 1\ntemplates = my-templates\n");
    Path out = tmp.resolve("site");
    assertThatThrownBy(() -> new SiteBuilder(new FakeLessons(), 1).build(SiteConfig.load(config), out,
        SiteBuilder.Progress.NONE)).isInstanceOf(SiteBuildException.class)
        .hasMessageContaining("Instantiating freemarker.template.utility.Execute is not allowed");
    assertThat(pwned).doesNotExist();
    assertThat(out).doesNotExist();
  }
}
