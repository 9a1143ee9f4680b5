package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.render.LessonView;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild makes only the lessons whose inputs changed: the others' files come from the page store,
 * byte for byte what making them again gives.
 */
class PageStoreTest {
  @TempDir
  Path tmp;

  /** The fake lessons, recording which lessons were asked for. */
  private static final class Counting implements Function<LessonSpec, Lesson> {
    final ConcurrentLinkedQueue<String> made = new ConcurrentLinkedQueue<>();
    private final Function<LessonSpec, Lesson> lessons;

    Counting(Function<LessonSpec, Lesson> lessons) {
      this.lessons = lessons;
    }

    @Override
    public Lesson apply(LessonSpec spec) {
      made.add(spec.slug());
      return lessons.apply(spec);
    }
  }

  private Path config(String extra) throws Exception {
    Path file = tmp.resolve("site-" + Math.abs(extra.hashCode()) + ".properties");
    Files.writeString(file, "title = Kept\ncells = rnn, my.cell\nparameters = W, V\nactivations = tanh\nlosses = last\n"
        + "max-steps = 2\n" + extra);
    return file;
  }

  private Path myCell() throws Exception {
    Path cell = tmp.resolve("my.cell");
    try (InputStream in = getClass().getResourceAsStream("/cells/rnn.cell")) {
      Files.write(cell, in.readAllBytes());
    }
    return cell;
  }

  private Map<String, String> build(Counting lessons, PageStore store, Path config, Path out) throws Exception {
    SiteBuilder.keeping(store, lessons, 2, Optional.empty()).build(SiteConfig.load(config), out, SiteBuilder.Progress.NONE);
    return SiteBuilderTest.tree(out);
  }

  @Test
  void aRebuildMakesOnlyTheLessonsWhoseInputsChanged() throws Exception {
    Path cell = myCell();
    PageStore store = new PageStore(tmp.resolve("pages"), "engine 1");
    Path config = config("");
    Counting first = new Counting(new FakeLessons());
    Map<String, String> made = build(first, store, config, tmp.resolve("a"));
    assertThat(first.made).hasSize(8);

    // Nothing changed: no lesson is made, and the site is the same bytes.
    Counting second = new Counting(new FakeLessons());
    assertThat(build(second, store, config, tmp.resolve("a"))).isEqualTo(made);
    assertThat(second.made).isEmpty();
    // A build without the store makes the same bytes.
    assertThat(build(new Counting(new FakeLessons()), new PageStore(tmp.resolve("empty"), "engine 1"), config,
        tmp.resolve("b"))).isEqualTo(made);

    // The cell file changed: its lessons are made again, the built-in cell's are not.
    Files.writeString(cell, Files.readString(cell) + "\n# a comment\n");
    Counting third = new Counting(new FakeLessons());
    build(third, store, config, tmp.resolve("a"));
    assertThat(third.made).allMatch(slug -> slug.startsWith("my-")).hasSize(4);

    // Another program (a changed engine or built-in template) makes everything again.
    Counting fourth = new Counting(new FakeLessons());
    build(fourth, new PageStore(tmp.resolve("pages"), "engine 2"), config, tmp.resolve("a"));
    assertThat(fourth.made).hasSize(8);
  }

  @Test
  void aChangedSiteTemplateOrGridMakesThePagesAgain() throws Exception {
    myCell();
    PageStore store = new PageStore(tmp.resolve("pages"), "engine 1");
    Path templates = Files.createDirectories(tmp.resolve("my-templates"));
    String lesson;
    try (InputStream in = getClass().getResourceAsStream("/templates/site/lesson.ftl")) {
      lesson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(templates.resolve("lesson.ftl"), lesson);
    Path config = config("templates = my-templates\n");
    build(new Counting(new FakeLessons()), store, config, tmp.resolve("a"));
    Files.writeString(templates.resolve("lesson.ftl"), lesson.replace("<p class=\"lesson-facts\">",
        "<p class=\"changed\">changed</p>\n<p class=\"lesson-facts\">"));
    Counting again = new Counting(new FakeLessons());
    build(again, store, config, tmp.resolve("a"));
    assertThat(again.made).hasSize(8);
    assertThat(Files.readString(tmp.resolve("a/lessons/rnn-tanh-W-last-1/index.html"))).contains("changed</p>");

    // One more stage in the grid: every page's sidebar changes, so every page is made again.
    Counting longer = new Counting(new FakeLessons());
    build(longer, store, config("templates = my-templates\nmax-steps = 3\n"), tmp.resolve("a"));
    assertThat(longer.made).hasSize(12);
  }

  @Test
  void aLessonWhoseCheckFailedIsMadeOnEveryBuild() throws Exception {
    myCell();
    PageStore store = new PageStore(tmp.resolve("pages"), "engine 1");
    Function<LessonSpec, Lesson> failing = spec -> {
      Lesson l = new FakeLessons().apply(spec);
      List<LessonView.CheckView> checks = spec.slug().equals("rnn-tanh-V-last-2")
          ? List.of(new LessonView.CheckView("symbolic", false, "did not agree")) : l.checks();
      return new Lesson(spec, l.derivation(), checks, l.markdown(), l.latex(), l.attachments());
    };
    Path config = config("");
    build(new Counting(failing), store, config, tmp.resolve("a"));
    Counting again = new Counting(failing);
    build(again, store, config, tmp.resolve("a"));
    assertThat(again.made).containsExactly("rnn-tanh-V-last-2");
  }

  @Test
  void anotherProgramsEntriesAreRemovedOnceUnused() throws Exception {
    Path root = tmp.resolve("pages");
    PageStore old = new PageStore(root, "engine 1");
    PageStore recent = new PageStore(root, "engine 2");
    PageStore current = new PageStore(root, "engine 3");
    Map<String, byte[]> files = Map.of("lessons/x/index.html", "<p>x</p>".getBytes(StandardCharsets.UTF_8));
    old.put("inputs", files);
    recent.put("inputs", files);
    current.put("inputs", files);
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s.toList()).hasSize(3); // a folder a program
    }
    Path oldFolder = folderOf(root, "engine 1");
    assertThat(oldFolder).isDirectory();
    Files.setLastModifiedTime(oldFolder, java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - PageStore.UNUSED.toMillis() - 60_000));
    current.prune();
    assertThat(old.get("inputs")).isEmpty();
    assertThat(recent.get("inputs")).isPresent();
    assertThat(current.get("inputs")).isPresent();
  }

  private static Path folderOf(Path root, String engine) {
    return root.resolve(dev.unroll.files.Sha256.hex("engine " + engine).substring(0, 16));
  }

  @Test
  void aDamagedEntryIsAMiss() throws Exception {
    PageStore store = new PageStore(tmp.resolve("pages"), "engine 1");
    store.put("inputs", Map.of("lessons/x/index.html", "<p>x</p>".getBytes(StandardCharsets.UTF_8)));
    assertThat(store.get("inputs")).hasValueSatisfying(files -> assertThat(files).containsOnlyKeys("lessons/x/index.html"));
    assertThat(store.get("other inputs")).isEmpty();
    Path entry;
    try (Stream<Path> s = Files.walk(tmp.resolve("pages"))) {
      entry = s.filter(p -> p.toString().endsWith(".lesson")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(entry);
    Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThat(store.get("inputs")).isEmpty();
    Files.delete(entry);
    Files.createSymbolicLink(entry, Files.write(tmp.resolve("elsewhere"), bytes));
    assertThat(store.get("inputs")).isEmpty();
  }
}
