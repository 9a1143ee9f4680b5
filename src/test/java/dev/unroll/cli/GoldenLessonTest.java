package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files, google-java-format style: each folder under src/test/resources/golden holds the
 * command-line options of one case ({@code options}) and the expected Markdown and LaTeX. Run with
 * {@code -Dunroll.golden.update=true} to rewrite the expected files after a deliberate change, then
 * review the diff.
 */
class GoldenLessonTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("unroll.golden.update");

  @TempDir
  Path out;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rendersExactlyTheExpectedFilesAndTheSameBytesTwice(String name) throws IOException {
    Path dir = GOLDEN.resolve(name);
    List<String> args = new ArrayList<>(List.of("lesson"));
    Arrays.stream(Files.readString(dir.resolve("options")).strip().split("\\s+")).filter(a -> !a.isEmpty()).forEach(args::add);
    Path first = out.resolve("first");
    Path second = out.resolve("second");
    assertThat(run(args, first)).isZero();
    assertThat(run(args, second)).isZero();
    try (Stream<Path> files = Files.walk(first)) {
      List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
      // The plots (an SVG next to the lesson; the network's picture is in assets/) are checked for their
      // links and for equal bytes twice, not against a golden copy: their text positions come from the
      // fonts of the machine that draws them.
      List<Path> plots = all.stream().filter(p -> p.getParent().equals(first) && p.toString().endsWith(".svg")).toList();
      List<Path> written = all.stream().filter(p -> !plots.contains(p)).toList();
      String markdown = Files.readString(written.stream().filter(p -> p.toString().endsWith(".md")).findFirst()
          .orElseThrow(), StandardCharsets.UTF_8);
      for (Path plot : plots) {
        assertThat(Files.readString(plot)).contains("<svg");
        assertThat(Files.readAllBytes(second.resolve(first.relativize(plot)))).isEqualTo(Files.readAllBytes(plot));
      }
      List<String> linked = new ArrayList<>();
      Matcher link = Pattern.compile("\\]\\(([^/()]+\\.svg)\\)").matcher(markdown);
      while (link.find()) {
        linked.add(link.group(1));
      }
      assertThat(plots).extracting(p -> p.getFileName().toString()).as("a plot is written exactly when the lesson links one")
          .containsExactlyInAnyOrderElementsOf(linked);
      assertThat(written).extracting(GoldenLessonTest::expectedName).containsAnyOf("expected.md")
          .contains("expected.md", "expected.tex").doesNotHaveDuplicates();
      for (Path file : written) {
        byte[] bytes = Files.readAllBytes(file);
        Path relative = first.relativize(file);
        assertThat(Files.readAllBytes(second.resolve(relative))).as("second rendering of %s", relative).isEqualTo(bytes);
        Path expected = dir.resolve(expectedName(file));
        if (UPDATE) {
          Files.write(expected, bytes);
        }
        assertThat(new String(bytes, StandardCharsets.UTF_8)).as("%s against %s", relative, expected)
            .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
      }
    }
  }

  /** A lesson's .md, .tex and its picture assets/SLUG.svg are compared with expected.md, .tex and .svg. */
  private static String expectedName(Path written) {
    return written.getFileName().toString().replaceAll(".*\\.", "expected.");
  }

  @Test
  void everyCaseFolderHasItsOptionsAndBothExpectedFilesAndNothingElse() throws IOException {
    for (String name : cases().toList()) {
      try (Stream<Path> files = Files.list(GOLDEN.resolve(name))) {
        List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
        assertThat(names).as("golden case %s", name).containsAnyOf("expected.md")
            .containsAll(List.of("expected.md", "expected.tex", "options"));
        assertThat(names).as("golden case %s", name).isSubsetOf("expected.md", "expected.svg", "expected.tex", "options");
      }
    }
    assertThat(cases().count()).isGreaterThanOrEqualTo(5);
  }

  private static int run(List<String> args, Path outDir) {
    List<String> all = new ArrayList<>(args);
    all.add("--out");
    all.add(outDir.toString());
    return Main.run(all.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }
}
