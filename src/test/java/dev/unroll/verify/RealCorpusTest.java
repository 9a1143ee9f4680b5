package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.symbolic.ActivationBounds;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real-notation corpus in {@code src/test/resources/verify/real}: derivations written the way
 * course notes, blog posts, textbooks and notebooks write them, about half entirely correct and half
 * with one planted mistake, marked on its line with {@code expect: wrong: PHRASE|PHRASE} (inside an
 * HTML comment in Markdown and notebooks, after {@code %} in TeX).
 *
 * <p>What is wrong is settled without {@code verify}: every document has a numpy script in
 * {@code real/truth/} that builds the author's network, evaluates each claim as written and compares it
 * with finite differences, printing {@code LINE OK} or {@code LINE WRONG rel=...}.
 * {@link #truthAgreesWithTheMarks} holds the marks to those scripts; {@link #verifyFindsExactlyTheMarkedMistakes}
 * holds {@code verify} to the marks.
 */
class RealCorpusTest {
  static final Path REAL = Path.of("src/test/resources/verify/real");
  static final Path TRUTH = REAL.resolve("truth");
  static final String PYTHON = "/usr/bin/python3";

  /** The words a planted mistake's expectation may use; a finding must say at least one of its phrases. */
  static final Set<String> VOCABULARY = Set.of("missing term", "extra term", "transpose", "elementwise", "off by one",
      "wrong stage", "power", "wrong delta", "forget gate", "left side", "wrong factor", "bound");

  private static final Pattern EXPECT = Pattern.compile("expect: wrong: ([^>\"]*?)\\s*(?:-->)?\\s*$");
  private static final Pattern OPTIONS = Pattern.compile("verify:((?: --\\S+ \\S+)*)");
  private static final Pattern VERDICT = Pattern.compile("^(\\d+) (OK|WRONG)( rel=\\S+)?$");

  static Stream<Path> documents() throws IOException {
    try (Stream<Path> s = Files.list(REAL)) {
      return s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(md|tex|ipynb)$")).sorted()
          .toList().stream();
    }
  }

  static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  /** A planted mistake: its line and the phrases a finding may use to name it. */
  record Planted(int line, List<String> phrases) {}

  /** The document's marks and its options line. */
  record Marks(List<Planted> planted, OptionalInt steps) {
    Set<Integer> lines() {
      TreeSet<Integer> s = new TreeSet<>();
      planted.forEach(p -> s.add(p.line()));
      return s;
    }
  }

  static Marks marks(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    boolean notebook = file.toString().endsWith(".ipynb");
    List<Planted> planted = new ArrayList<>();
    OptionalInt steps = OptionalInt.empty();
    for (int i = 0; i < lines.size(); i++) {
      // In a notebook the mark ends inside a JSON string: drop the string's escaped newline and quote.
      String line = notebook ? lines.get(i).replaceAll("(\\\\n)?\",?\\s*$", "") : lines.get(i);
      Matcher m = EXPECT.matcher(line);
      if (m.find()) {
        planted.add(new Planted(i + 1, List.of(m.group(1).trim().split("\\s*\\|\\s*"))));
      }
      Matcher o = OPTIONS.matcher(lines.get(i));
      if (i == 0 && o.find()) {
        String[] words = o.group(1).trim().split(" ");
        for (int k = 0; k + 1 < words.length; k += 2) {
          if (words[k].equals("--steps")) {
            steps = OptionalInt.of(Integer.parseInt(words[k + 1]));
          }
        }
      }
    }
    return new Marks(planted, steps);
  }

  @Test
  void corpusIsLargeVariedAndEveryDocumentHasItsTruth() throws IOException {
    List<Path> docs = documents().toList();
    assertThat(docs).hasSizeGreaterThanOrEqualTo(40);
    assertThat(docs.stream().filter(p -> p.toString().endsWith(".ipynb")).count()).isGreaterThanOrEqualTo(3);
    assertThat(docs.stream().filter(p -> p.toString().endsWith(".tex")).count()).isGreaterThanOrEqualTo(3);
    int wrong = 0;
    for (Path d : docs) {
      Marks m = marks(d);
      assertThat(m.planted().size()).as("one planted mistake at most in " + d).isLessThanOrEqualTo(1);
      for (Planted p : m.planted()) {
        assertThat(p.phrases()).as("phrases of the mark at " + d + ":" + p.line()).isNotEmpty().allMatch(VOCABULARY::contains);
      }
      wrong += m.planted().isEmpty() ? 0 : 1;
      assertThat(TRUTH.resolve(stem(d) + ".py")).as("truth script of " + d).exists();
    }
    assertThat(wrong).as("documents with a planted mistake").isBetween(docs.size() / 3, 2 * docs.size() / 3);
    List<String> stems = docs.stream().map(RealCorpusTest::stem).toList();
    try (Stream<Path> s = Files.list(TRUTH)) {
      List<String> orphans = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py") && !n.equals("common.py") && !n.equals("all.py"))
          .map(n -> n.substring(0, n.length() - 3)).filter(n -> !stems.contains(n)).toList();
      assertThat(orphans).as("truth scripts without a document").isEmpty();
    }
  }

  /** numpy under Debian's python3: skipped on a machine without it, a failure under CI (.ci/run installs it). */
  private static Boolean numpy;

  static synchronized boolean numpyPresent() throws IOException, InterruptedException {
    if (numpy == null) {
      numpy = Files.isExecutable(Path.of(PYTHON)) && run(Path.of("."), PYTHON, "-c", "import numpy").exit() == 0;
    }
    return numpy;
  }

  static void requireNumpy() throws IOException, InterruptedException {
    boolean present = numpyPresent();
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must have python3-numpy for " + PYTHON + ": .ci/run installs it.");
    }
    Assumptions.assumeTrue(present, PYTHON + " with numpy is not installed; skipping the truth scripts on this machine.");
  }

  record Ran(int exit, String output) {}

  static Ran run(Path dir, String... command) throws IOException, InterruptedException {
    File out = File.createTempFile("truth", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
      Process p = pb.start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 300 s.");
      }
      return new Ran(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out.toPath());
    }
  }

  private static Map<String, Ran> truths;

  /**
   * Every truth script's output, from one interpreter run of {@code truth/all.py} (numpy is imported once,
   * not once per document).
   */
  static synchronized Ran truthOf(Path doc) throws IOException, InterruptedException {
    if (truths == null) {
      List<String> command = new ArrayList<>(List.of(PYTHON, "-B", "all.py"));
      documents().forEach(d -> command.add(stem(d) + ".py"));
      Ran all = run(TRUTH, command.toArray(String[]::new));
      assertThat(all.exit()).as("truth/all.py said:\n" + all.output()).isZero();
      Map<String, Ran> found = new TreeMap<>();
      String name = null;
      StringBuilder out = new StringBuilder();
      for (String line : all.output().split("\n", -1)) {
        if (line.startsWith("== exit ") && name != null) {
          found.put(name, new Ran(Integer.parseInt(line.substring(8).strip()), out.toString()));
          name = null;
        } else if (line.startsWith("== ")) {
          name = line.substring(3).strip();
          out.setLength(0);
        } else if (name != null) {
          out.append(line).append('\n');
        }
      }
      truths = found;
    }
    Ran r = truths.get(stem(doc) + ".py");
    assertThat(r).as("output of the truth script of " + doc).isNotNull();
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void truthAgreesWithTheMarks(Path doc) throws IOException, InterruptedException {
    requireNumpy();
    Ran r = truthOf(doc);
    assertThat(r.exit()).as("truth script of " + doc + " said:\n" + r.output()).isZero();
    TreeMap<Integer, Boolean> verdicts = verdicts(doc, r);
    TreeSet<Integer> judged = new TreeSet<>(verdicts.keySet());
    TreeSet<Integer> wrong = new TreeSet<>();
    verdicts.forEach((line, right) -> {
      if (!right) {
        wrong.add(line);
      }
    });
    Marks marks = marks(doc);
    assertThat(judged).as("claims the truth script of " + doc + " checked").isNotEmpty();
    assertThat(wrong).as("lines the truth script finds wrong in " + doc + " (marked: " + marks.lines() + ")")
        .isEqualTo(marks.lines());
    if (marks.planted().isEmpty()) {
      assertThat(judged.size()).as("claims confirmed in the correct document " + doc).isGreaterThanOrEqualTo(1);
    }
  }

  /** Each judged line of the document and whether all its claims hold, as the truth script printed them. */
  static TreeMap<Integer, Boolean> verdicts(Path doc, Ran r) {
    TreeMap<Integer, Boolean> verdicts = new TreeMap<>();
    for (String line : r.output().strip().split("\n")) {
      Matcher m = VERDICT.matcher(line.strip());
      assertThat(m.matches()).as("a verdict line from the truth script of " + doc + ": " + line).isTrue();
      verdicts.merge(Integer.parseInt(m.group(1)), m.group(2).equals("OK"), Boolean::logicalAnd);
    }
    return verdicts;
  }

  private static String said(Finding f) {
    return (f.message() + f.correction().map(c -> " Right: " + c).orElse("")).toLowerCase(Locale.ROOT);
  }

  /**
   * verify against the marks: every planted mistake found on its line with one of its phrases, no error on
   * any other line, every correct document exit 0: the target, held in full. Prints the corpus's
   * figures first.
   */
  @Test
  void verifyFindsExactlyTheMarkedMistakes() throws IOException, InterruptedException {
    ActivationBounds bounds = new ActivationBounds();
    boolean truthAvailable = numpyPresent();
    int rightLines = 0;
    int rightLinesWithoutError = 0;
    int rightLinesConfirmed = 0;
    int files = 0;
    int planted = 0;
    int found = 0;
    int falseErrors = 0;
    int correctFiles = 0;
    int correctExit0 = 0;
    long unjudged = 0;
    TreeMap<String, List<String>> problems = new TreeMap<>();
    for (Path doc : documents().toList()) {
      files++;
      Marks marks = marks(doc);
      Report report;
      List<String> mine = new ArrayList<>();
      try {
        Document d = new DocumentReader().read(doc);
        report = new Verifier(new Verifier.Options(marks.steps(), Optional.empty(), Optional.empty()), bounds)
            .verify(doc.toString(), d);
      } catch (RuntimeException e) {
        planted += marks.planted().size();
        mine.add("verify threw " + e);
        problems.put(doc.getFileName().toString(), mine);
        continue;
      }
      for (Planted p : marks.planted()) {
        planted++;
        boolean hit = report.findings().stream().anyMatch(f -> f.line() == p.line() && f.severity() == Severity.ERROR
            && p.phrases().stream().anyMatch(ph -> said(f).contains(ph)));
        if (hit) {
          found++;
        } else {
          mine.add("missed at line " + p.line() + " (" + String.join("|", p.phrases()) + ")");
        }
      }
      for (Finding f : report.findings()) {
        if (f.severity() == Severity.ERROR && !marks.lines().contains(f.line())) {
          falseErrors++;
          mine.add("false " + f.format(doc.getFileName().toString()));
        }
        if (f.severity() == Severity.WARNING) {
          unjudged++;
        }
      }
      if (truthAvailable) {
        for (var v : verdicts(doc, truthOf(doc)).entrySet()) {
          if (v.getValue()) {
            int line = v.getKey();
            rightLines++;
            boolean error = report.findings().stream().anyMatch(f -> f.line() == line && f.severity() == Severity.ERROR);
            rightLinesWithoutError += error ? 0 : 1;
            rightLinesConfirmed += !error && report.findings().stream().anyMatch(f -> f.line() == line
                && f.severity() == Severity.NOTE && said(f).contains("confirmed")) ? 1 : 0;
          }
        }
      }
      if (marks.planted().isEmpty()) {
        correctFiles++;
        if (report.exitCode() == 0) {
          correctExit0++;
        } else {
          mine.add("a correct document exits " + report.exitCode());
        }
      }
      if (!mine.isEmpty()) {
        problems.put(doc.getFileName().toString(), mine);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "real corpus: %d files; planted %d, found %d, missed %d; false errors %d;"
        + " correct files exiting 0: %d of %d; warnings (unjudged spans) %d%n", files, planted, found, planted - found,
        falseErrors, correctExit0, correctFiles, unjudged));
    if (truthAvailable) {
      out.append(String.format(Locale.ROOT, "  lines the truth scripts judge right: %d; without an error finding: %d;"
          + " confirmed by a note: %d%n", rightLines, rightLinesWithoutError, rightLinesConfirmed));
    }
    problems.forEach((file, list) -> list.forEach(p -> out.append("  ").append(file).append(": ").append(p).append('\n')));
    System.out.print(out);
    assertThat(problems).as(out.toString()).isEmpty();
  }
}
