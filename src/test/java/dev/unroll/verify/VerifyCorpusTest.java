package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.symbolic.ActivationBounds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code verify} on every derivation in {@code src/test/resources/verify/corpus}, jlox style:
 * each file carries its expectations on the line they are about ({@code % expect: error: text} in
 * TeX, {@code <!-- expect: note: text -->} in Markdown). Every error and warning must be expected,
 * every expectation (notes included) must be found, and the exit code must be 1 exactly when an
 * error is expected. A first line {@code verify: --steps N --notation NAME --cell CELL} sets options.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyCorpusTest {
  static final Path CORPUS = Path.of("src/test/resources/verify/corpus");
  private static final Pattern EXPECT = Pattern.compile("expect: (error|warning|note): (.*?)\\s*(?:-->)?\\s*$");
  private static final Pattern OPTIONS = Pattern.compile("verify:((?: --\\S+ \\S+)*)");

  private ActivationBounds bounds;

  @BeforeAll
  void startSymja() {
    bounds = new ActivationBounds();
  }

  @AfterAll
  void stop() {
    bounds = null;
  }

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(CORPUS)) {
      return s.filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  record Expectation(int line, Severity severity, String text) {}

  /** A finding's message and its correction, as the command prints them: an expectation may name the right LaTeX. */
  private static String said(Finding f) {
    return f.message() + f.correction().map(c -> " Right: " + c).orElse("");
  }

  @Test
  void corpusHasCorrectAndWrongFilesInSeveralNotations() throws IOException {
    List<Path> all = files().toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(10);
    assertThat(all.stream().map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.endsWith(".tex")).anyMatch(n -> n.endsWith(".md")).anyMatch(n -> n.contains("cs231n"))
        .anyMatch(n -> n.contains("correct"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void findingsAreExactlyTheExpectedOnes(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Expectation> expected = new ArrayList<>();
    OptionalInt steps = OptionalInt.empty();
    Optional<Notation> notation = Optional.empty();
    Optional<String> cell = Optional.empty();
    for (int i = 0; i < lines.size(); i++) {
      // In a notebook the expectation ends inside a JSON string: drop the string's escaped newline and quote.
      String line = file.toString().endsWith(".ipynb") ? lines.get(i).replaceAll("(\\\\n)?\",?\\s*$", "") : lines.get(i);
      Matcher m = EXPECT.matcher(line);
      if (m.find()) {
        expected.add(new Expectation(i + 1, Severity.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)), m.group(2)));
      }
      Matcher o = OPTIONS.matcher(lines.get(i));
      if (i == 0 && o.find()) {
        String[] words = o.group(1).trim().split(" ");
        for (int k = 0; k + 1 < words.length; k += 2) {
          if (words[k].equals("--steps")) {
            steps = OptionalInt.of(Integer.parseInt(words[k + 1]));
          } else if (words[k].equals("--notation")) {
            notation = Optional.of(Notation.named(words[k + 1]));
          } else if (words[k].equals("--cell")) {
            cell = Optional.of(words[k + 1]);
          }
        }
      }
    }
    Document doc = new DocumentReader().read(file);
    Report report = new Verifier(new Verifier.Options(steps, notation, cell), bounds).verify(file.toString(), doc);

    List<String> problems = new ArrayList<>();
    for (Expectation e : expected) {
      boolean found = report.findings().stream().anyMatch(f -> f.line() == e.line() && f.severity() == e.severity()
          && said(f).contains(e.text()));
      if (!found) {
        problems.add("missing at line " + e.line() + ": " + e.severity().spelled() + ": " + e.text());
      }
    }
    for (Finding f : report.findings()) {
      if (f.severity() == Severity.NOTE) {
        continue;
      }
      boolean wanted = expected.stream().anyMatch(e -> e.line() == f.line() && e.severity() == f.severity()
          && said(f).contains(e.text()));
      if (!wanted) {
        problems.add("unexpected: " + f.format(file.getFileName().toString()));
      }
    }
    assertThat(problems).as("findings of " + file).isEmpty();
    boolean errorsExpected = expected.stream().anyMatch(e -> e.severity() == Severity.ERROR);
    boolean confirmed = report.outcomes().stream().anyMatch(o -> o.verdict() == Outcome.Verdict.CONFIRMED);
    assertThat(report.exitCode()).isEqualTo(errorsExpected ? 1 : confirmed ? 0 : 3);
    if (!errorsExpected) {
      assertThat(report.findings()).as("a correct file confirms something")
          .anyMatch(f -> f.severity() == Severity.NOTE);
    }
  }
}
