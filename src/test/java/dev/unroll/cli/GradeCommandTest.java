package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unroll.course.Sections;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unroll grade} on a class of 27 submissions made from the variants of
 * {@code src/test/resources/grade/exercises.json} (26 students, seed 2026): answers written in
 * Markdown, LaTeX and a notebook, right ones, ones with one realistic mistake planted under a known
 * question (a missing transpose, a dropped term, the tanh derivative for a sigmoid network, an input
 * one stage off, a false bound on the activation's derivative), an empty file, a file that answers
 * nothing, and a notebook cut off half way. What is wrong in each was decided when it was written,
 * not by running verify.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradeCommandTest {
  static final Path CLASS = Path.of("src/test/resources/grade/class");
  static final Path MANIFEST = Path.of("src/test/resources/grade/exercises.json");

  /** The planted mistakes: file, and the questions whose answers hold one. */
  static final Map<String, Set<Integer>> WRONG = Map.ofEntries(
      Map.entry("student-09.md", Set.of(2)), Map.entry("student-11.md", Set.of(1)),
      Map.entry("student-12.md", Set.of(4)), Map.entry("student-13.md", Set.of(3)),
      Map.entry("student-14.md", Set.of(1)), Map.entry("student-15.md", Set.of(2)),
      Map.entry("student-16.md", Set.of(3)), Map.entry("student-17.md", Set.of(1, 4)),
      Map.entry("student-21-homework.tex", Set.of(2)), Map.entry("student-24.md", Set.of(1)),
      Map.entry("student-26.md", Set.of(3)));
  static final Set<String> NOT_JUDGED = Set.of("student-18.md", "student-19.md");
  static final Set<String> UNREADABLE = Set.of("student-10-late.ipynb");

  @TempDir
  static Path tmp;
  Path out;
  int exit;
  String stdout;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeAll
  void gradeTheClass() {
    out = tmp.resolve("grades");
    Run r = run("grade", CLASS.toString(), "--manifest", MANIFEST.toString(), "--out", out.toString(),
        "--junit", tmp.resolve("junit/grades.xml").toString());
    exit = r.exit();
    stdout = r.out();
    assertThat(r.err()).isEmpty();
  }

  /** grades.csv as rows of cells, keyed by the file's name. */
  Map<String, Map<String, String>> csv() throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("grades.csv"), StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, Map<String, String>> rows = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = cells(line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), cells.get(i));
      }
      rows.put(Path.of(row.get("file")).getFileName().toString(), row);
    }
    return rows;
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  @Test
  void everySubmissionGetsTheGradeItsAuthorEarned() throws IOException {
    Map<String, Map<String, String>> rows = csv();
    List<String> files;
    try (Stream<Path> s = Files.list(CLASS)) {
      files = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(25);
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(files);
    for (String file : files) {
      String expected = WRONG.containsKey(file) ? "wrong" : NOT_JUDGED.contains(file) ? "not judged"
          : UNREADABLE.contains(file) ? "unreadable" : "judged";
      assertThat(rows.get(file).get("status")).as(file + ": " + rows.get(file)).isEqualTo(expected);
    }
    assertThat(rows.get("student-10-late.ipynb").get("reason")).contains("not valid JSON");
    assertThat(exit).as("some submission could not be judged at all").isEqualTo(3);
    assertThat(stdout.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("27 submissions: 13 right, 11 with wrong claims, 2 not judged, 1 unreadable.");
  }

  @Test
  void eachWrongClaimStandsUnderTheQuestionWhoseAnswerHoldsTheMistake() throws IOException {
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    for (JsonNode s : report.path("submissions")) {
      String file = Path.of(s.path("file").asText()).getFileName().toString();
      Sections sections = Sections.of(Files.readAllLines(CLASS.resolve(file), StandardCharsets.UTF_8));
      Set<Integer> wrongQuestions = new java.util.TreeSet<>();
      for (JsonNode f : s.path("findings")) {
        if (f.path("outcome").asText().equals("wrong")) {
          wrongQuestions.add(sections.questionAt(f.path("line").asInt()));
        }
      }
      assertThat(wrongQuestions).as(file).isEqualTo(WRONG.getOrDefault(file, Set.of()));
      for (JsonNode q : s.path("questions")) {
        boolean planted = WRONG.getOrDefault(file, Set.of()).contains(q.path("number").asInt());
        if (planted) {
          assertThat(q.path("right").asBoolean()).as(file + " question " + q.path("number")).isFalse();
        }
      }
    }
  }

  @Test
  void theJsonAndJunitReportsCountWhatTheCsvCounts() throws IOException {
    Map<String, Map<String, String>> rows = csv();
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.path("counts").path("submissions").asInt()).isEqualTo(rows.size());
    assertThat(report.path("counts").path("wrong").asLong())
        .isEqualTo(rows.values().stream().filter(r -> r.get("status").equals("wrong")).count());
    assertThat(report.path("exitCode").asInt()).isEqualTo(exit);
    String junit = Files.readString(tmp.resolve("junit/grades.xml"));
    assertThat(junit).contains("tests=\"27\"", "failures=\"11\"", "errors=\"3\"");
    assertThat(report.path("commonMistakes")).isNotEmpty();
  }

  @Test
  void gradingAgainGivesTheSameBytes() throws IOException {
    Path again = tmp.resolve("again");
    assertThat(run("grade", CLASS.toString(), "--manifest", MANIFEST.toString(), "--out", again.toString()).exit())
        .isEqualTo(3);
    try (Stream<Path> s = Files.walk(out)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(again.resolve(out.relativize(f)))).as(out.relativize(f).toString())
            .isEqualTo(Files.readAllBytes(f));
      }
    }
  }

  @Test
  void withoutAManifestEachFileIsJudgedAsVerifyWould() throws IOException {
    Path single = tmp.resolve("single");
    Run r = run("grade", CLASS.resolve("student-09.md").toString(), CLASS.resolve("student-01.md").toString(),
        "--out", single.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(Files.readString(single.resolve("grades.csv"))).contains("student-09,").contains(",wrong,");
  }

  @Test
  void aMissingPathIsBadInputAndNothingIsWritten() {
    Path nowhere = tmp.resolve("bad-missing");
    Run r = run("grade", CLASS.toString(), tmp.resolve("no-such-folder").toString(), "--out", nowhere.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("unroll: No such file or folder to grade").doesNotContain("\n");
    assertThat(nowhere).doesNotExist();
  }

  @Test
  void aSubmissionByAStudentTheManifestDoesNotNameIsBadInput() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("stranger"));
    Files.copy(CLASS.resolve("student-01.md"), folder.resolve("student-01.md"));
    Files.writeString(folder.resolve("zoe-quinn.md"), "$$\nz_t = U x_t + W s_{t-1}\n$$\n");
    Path nowhere = tmp.resolve("bad-stranger");
    Run r = run("grade", folder.toString(), "--manifest", MANIFEST.toString(), "--out", nowhere.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).contains("zoe-quinn", "not in the manifest").doesNotContain("\n");
    assertThat(nowhere).doesNotExist();
  }

  @Test
  void aManifestOfAnotherSeedIsBadInput() throws IOException {
    Path other = tmp.resolve("other-seed");
    assertThat(run("exercise", "--count", "1", "--seed", "7", "--course", "src/test/resources/grade/course.properties", "--format", "md",
        "--out", other.toString()).exit()).isZero();
    Path nowhere = tmp.resolve("bad-seed");
    Run r = run("grade", CLASS.resolve("student-01.md").toString(), "--manifest", other.resolve("exercises.json").toString(),
        "--out", nowhere.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).contains("seed 2026", "seed 7", "another seed").doesNotContain("\n");
    assertThat(nowhere).doesNotExist();
  }

  @Test
  void aManifestThatIsNotOneIsBadInput() throws IOException {
    Path bogus = Files.writeString(tmp.resolve("bogus.json"), "{\"students\": 3}");
    Run r = run("grade", CLASS.toString(), "--manifest", bogus.toString(), "--out", tmp.resolve("bad-bogus").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).contains("not a manifest").doesNotContain("\n");
  }
}
