package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.files.FileWrites;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Other people's files and other people's mistakes: hostile templates, a full disk, hostile cells and
 * bad options. Each must end in one line on stderr and exit 2, write nothing, and leave no trace.
 */
class HostileInputTest {
  @TempDir
  Path tmp;

  record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  /** One line on stderr, a sentence, exit 2, nothing on stdout, no trace and no Java class name. */
  private static void assertOneLineBadInput(Outcome o) {
    assertThat(o.code()).as(o.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.err().lines().toList()).as(o.err()).hasSize(1);
    assertThat(o.err()).startsWith("unroll: ").doesNotContain("\tat ")
        .doesNotContainPattern("\\b(?:java|org|freemarker|dev)\\.[\\w.]+(?:Exception|Error)\\b");
    assertThat(o.out()).isEmpty();
  }

  /** Every file under a folder, relative path to content. */
  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return out;
  }

  /** A copy of the built-in templates whose Markdown lesson ends with {@code payload}. */
  private Path templatesWith(String payload) throws IOException {
    Path dir = tmp.resolve("templates");
    for (String name : List.of("markdown/lesson.md.ftl", "latex/lesson.tex.ftl", "common/lesson-body.ftl",
        "common/gated-lesson-body.ftl")) {
      try (InputStream in = getClass().getResourceAsStream("/templates/" + name)) {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      }
    }
    Path md = dir.resolve("markdown/lesson.md.ftl");
    Files.writeString(md, Files.readString(md) + payload + "\n");
    return dir;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[#assign ex = \"freemarker.template.utility.Execute\"?new()][=ex(\"touch PWNED\")]",
      "[#assign oc = \"freemarker.template.utility.ObjectConstructor\"?new()][=oc(\"java.io.FileOutputStream\", \"PWNED\")]",
      "[#assign j = \"freemarker.template.utility.JythonRuntime\"?new()][@j]open('PWNED', 'w')[/@j]",
      "[=title?api.getClass().getProtectionDomain()]",
      "[#macro r n][@r n + 1/][/#macro][@r 0/]",
      "[#function f n][#return f(n + 1)][/#function][=f(0)]",
      "[#list 1..100000000 as i]xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx[/#list]",
      "[=.vars?keys?join(\",\")][=.data_model?api]"})
  void aTemplateRunsNoCodeAndStopsWithOneLine(String payload) throws IOException {
    Path templates = templatesWith(payload.replace("PWNED", tmp.resolve("PWNED").toString()));
    Path out = tmp.resolve("out");
    Outcome o = run("lesson", "--templates", templates.toString(), "--out", out.toString());
    assertOneLineBadInput(o);
    assertThat(o.err()).contains("markdown/lesson.md.ftl");
    assertThat(tmp.resolve("PWNED")).doesNotExist();
    assertThat(tree(out)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[=walk[0].class.name]", "[=walk[0].hashCode()]", "[=walk[0].getClass()]"})
  void aTemplateSeesOnlyTheComponentsOfItsViews(String payload) throws IOException {
    Path templates = templatesWith(payload);
    Outcome o = run("lesson", "--templates", templates.toString(), "--out", tmp.resolve("out").toString());
    assertOneLineBadInput(o);
  }

  @Test
  void aTemplateThatLinksOutOfItsFolderIsRefused() throws IOException {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "the first line of a secret");
    Path templates = templatesWith("");
    Files.writeString(templates.resolve("markdown/lesson.md.ftl"),
        Files.readString(templates.resolve("markdown/lesson.md.ftl")) + "[#include \"stolen.ftl\"]\n");
    Files.createSymbolicLink(templates.resolve("markdown/stolen.ftl"), secret);
    Path out = tmp.resolve("out");
    Outcome o = run("lesson", "--templates", templates.toString(), "--out", out.toString());
    assertOneLineBadInput(o);
    assertThat(o.err()).contains("outside the templates folder").doesNotContain("the first line of a secret");
    assertThat(tree(out)).isEmpty();
  }

  @Test
  void aTemplateThatIsAFifoIsRefusedAtOnce() throws Exception {
    Path templates = templatesWith("");
    Path md = templates.resolve("markdown/lesson.md.ftl");
    Files.delete(md);
    Process mkfifo = new ProcessBuilder("mkfifo", md.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
    Outcome o = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> run("lesson", "--templates", templates.toString(), "--out", tmp.resolve("out").toString()));
    assertOneLineBadInput(o);
    assertThat(o.err()).contains("is not a regular file");
  }

  /** A file system whose {@code n}th write fails as a full disk does. */
  private static FileWrites failingWrite(int n) {
    AtomicInteger writes = new AtomicInteger();
    return new FileWrites() {
      @Override
      public void write(Path file, byte[] bytes) throws IOException {
        if (writes.incrementAndGet() == n) {
          Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // half written, as on a full disk
          throw new IOException("No space left on device");
        }
        FileWrites.DISK.write(file, bytes);
      }

      @Override
      public void move(Path from, Path to) throws IOException {
        FileWrites.DISK.move(from, to);
      }
    };
  }

  private static Map<String, String> fourFiles(String version) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("lesson.md", "the lesson, " + version);
    files.put("lesson.tex", "the LaTeX, " + version);
    files.put("assets/picture.svg", "<svg>" + version + "</svg>");
    files.put("plot.svg", "<svg>plot " + version + "</svg>");
    return files;
  }

  @Test
  void aFullDiskOnTheThirdWriteLeavesTheFolderAsItWas() throws IOException {
    Path out = tmp.resolve("out");
    try (OutputFolder folder = OutputFolder.checked(out)) {
      folder.writeAll(Map.of("lesson.md", "the lesson, old", "notes.txt", "mine"), StandardCharsets.UTF_8);
    }
    Map<String, String> before = tree(out);
    try (OutputFolder folder = OutputFolder.checked(out, failingWrite(3))) {
      assertThatThrownBy(() -> folder.writeAll(fourFiles("new"), StandardCharsets.UTF_8))
          .isInstanceOf(UserError.class)
          .hasMessage("Cannot write into --out '" + out + "': No space left on device; nothing was written.");
    }
    assertThat(tree(out)).isEqualTo(before);
    try (Stream<Path> entries = Files.list(out)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("lesson.md", "notes.txt");
    }
  }

  @Test
  void aMoveThatFailsHalfWayPutsTheOldFilesBack() throws IOException {
    Path out = tmp.resolve("out");
    try (OutputFolder folder = OutputFolder.checked(out)) {
      folder.writeAll(fourFiles("old"), StandardCharsets.UTF_8);
    }
    Map<String, String> before = tree(out);
    AtomicInteger moves = new AtomicInteger();
    FileWrites failingThirdMoveIn = new FileWrites() {
      @Override
      public void write(Path file, byte[] bytes) throws IOException {
        FileWrites.DISK.write(file, bytes);
      }

      @Override
      public void move(Path from, Path to) throws IOException {
        // Every file is moved aside, then in: the sixth move is the third file's move in.
        if (moves.incrementAndGet() == 6) {
          throw new IOException("Input/output error");
        }
        FileWrites.DISK.move(from, to);
      }
    };
    try (OutputFolder folder = OutputFolder.checked(out, failingThirdMoveIn)) {
      assertThatThrownBy(() -> folder.writeAll(fourFiles("new"), StandardCharsets.UTF_8)).isInstanceOf(UserError.class);
    }
    assertThat(moves.get()).isGreaterThanOrEqualTo(6);
    assertThat(tree(out)).isEqualTo(before);
  }

  @Test
  void aSecondWriterOfTheSameFolderIsToldAndWritesNothing() throws IOException {
    Path out = tmp.resolve("out");
    try (OutputFolder first = OutputFolder.checked(out)) {
      assertThatThrownBy(() -> OutputFolder.checked(out)).isInstanceOf(UserError.class)
          .hasMessageStartingWith("another build is writing " + out);
      Outcome o = run("lesson", "--out", out.toString());
      assertOneLineBadInput(o);
      assertThat(o.err()).startsWith("unroll: another build is writing " + out);
    }
    assertThat(tree(out)).isEmpty();
    try (OutputFolder again = OutputFolder.checked(out)) {
      assertThat(again).isNotNull(); // released: the next writer gets it
    }
    try (Stream<Path> entries = Files.list(tmp)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(".out.lock"); // the lock file alone
    }
  }

  /** The classic cell with one line changed. */
  private Path cell(String name, String from, String to) throws IOException {
    String rnn;
    try (InputStream in = getClass().getResourceAsStream("/cells/rnn.cell")) {
      rnn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(rnn).contains(from);
    return Files.writeString(tmp.resolve(name), rnn.replace(from, to));
  }

  @Test
  void symjasLimitsOnAUsersActivationAreASentenceAboutTheActivation() throws IOException {
    Path cell = cell("loopy.cell", "activation f = tanh", "activation f = g\nactivation g(z) = Nest(Sin, z, 100000)");
    Outcome o = run("lesson", "--cell", cell.toString(), "--out", tmp.resolve("out").toString());
    assertOneLineBadInput(o);
    assertThat(o.err()).startsWith("unroll: The activation g(z) = Nest(Sin, z, 100000) cannot be evaluated: ");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aTimeOffsetTooLargeForANumberIsACellError() throws IOException {
    Path cell = cell("far.cell", "W s_{t-1}", "W s_{t-99999999999}");
    Outcome o = run("lesson", "--cell", cell.toString(), "--out", tmp.resolve("out").toString());
    assertOneLineBadInput(o);
    assertThat(o.err()).contains("far.cell:").contains("the subscript t-99999999999 reaches too far")
        .doesNotContain("For input string");
  }

  @Test
  void lessonUsesTheCellsOwnDefaultActivationAsCheckDoes() throws IOException {
    Path cell = cell("mine.cell", "activation f = tanh", "activation f = sigmoid");
    Path out = tmp.resolve("out");
    Outcome o = run("lesson", "--cell", cell.toString(), "--format", "tex", "--out", out.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(out.resolve("mine-sigmoid-W-last-3.tex")).isRegularFile();
    assertThat(Files.readString(out.resolve("mine-sigmoid-W-last-3.tex"))).contains("sigmoid");
  }

  @Test
  void aFolderGivenAsACellFileSaysWhy() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("folder.cell"));
    Outcome o = run("lesson", "--cell", dir.toString(), "--out", tmp.resolve("out").toString());
    assertOneLineBadInput(o);
    assertThat(o.err()).isEqualTo("unroll: Cannot read the cell file '" + dir + "': it is a folder, not a file.\n");
    Outcome missing = run("check", "--cell", tmp.resolve("missing.cell").toString());
    assertOneLineBadInput(missing);
    assertThat(missing.err()).endsWith(": no such file or folder.\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "check --steps 0|unroll: --steps must be between 1 and 10000, got 0.",
      "check --cell lstm --activation tanh|unroll: --activation chooses the activation of a cell that leaves it open,"
          + " such as rnn; the lstm cell fixes its own, so leave --activation out.",
      "check --hidden 100000|unroll: The check with H = 100000, D = 3, K = 3 and 5 stages needs about ",
      "check --outputs 100000|unroll: The check with H = 4, D = 3, K = 100000 and 5 stages needs about ",
      "lesson --out |unroll: --out must name a folder to write into; got an empty name.",
      "lesson --activation |unroll: --activation must name an activation, such as tanh, sigmoid, relu or identity;"
          + " got an empty name. Leave it out to use the cell's own."})
  void eachMessageNamesWhatWasWrong(String line) {
    String[] parts = line.split("\\|", 2);
    String[] words = parts[0].split(" ", -1);
    Outcome o = run(words);
    assertOneLineBadInput(o);
    assertThat(o.err()).startsWith(parts[1]);
  }

  @Test
  void anUnexpectedFailureIsOneLineWithoutItsClassAndDebugAddsTheTrace() {
    String line = Failures.line(new NullPointerException("Cannot invoke \"java.nio.file.Path.getFileSystem()\""));
    assertThat(line).startsWith("unroll stopped on an internal error (null pointer exception: Cannot invoke")
        .doesNotContain("NullPointerException");
    assertThat(Failures.line(new IllegalStateException("wrapped: java.io.IOException: disk gone")))
        .isEqualTo("wrapped: disk gone.");
    assertThat(Failures.line(new OutOfMemoryError("Java heap space"))).startsWith("the command needs more memory");
    StringWriter err = new StringWriter();
    assertThat(Failures.report(new IllegalStateException("broken"), new PrintWriter(err), true)).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).startsWith("unroll: broken.\n").contains("\tat ");
    Outcome debug = run("--debug", "lesson", "--out", "");
    assertThat(debug.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(debug.err()).startsWith("unroll: --out must name a folder").contains("\tat ");
  }
}
