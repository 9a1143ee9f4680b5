package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unroll.render.Pdflatex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unroll exercise}: seeded variants, a sheet and an answer file each, the engine's keys, the manifest. */
class ExerciseCommandTest {
  static final String COURSE = "src/test/resources/grade/course.properties";

  @TempDir
  Path tmp;

  static GradeCommandTest.Run run(String... args) {
    return GradeCommandTest.run(args);
  }

  static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }

  @Test
  void theSameSeedGivesTheSameBytesPdfIncluded() throws IOException {
    boolean pdflatex = Pdflatex.find().isPresent();
    assertThat(pdflatex || !"true".equals(System.getenv("CI"))).as("CI installs pdflatex").isTrue();
    String pdf = pdflatex ? ",pdf" : "";
    assertThat(run("exercise", "--count", "3", "--seed", "5", "--format", "md,tex" + pdf, "--out", tmp.resolve("a").toString())
        .exit()).isZero();
    assertThat(run("exercise", "--count", "3", "--seed", "5", "--format", "md,tex" + pdf, "--out", tmp.resolve("b").toString())
        .exit()).isZero();
    Map<String, byte[]> a = files(tmp.resolve("a"));
    Map<String, byte[]> b = files(tmp.resolve("b"));
    assertThat(b.keySet()).isEqualTo(a.keySet());
    a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
    assertThat(a).containsKeys("exercises.json", "sheets/student-01.md", "sheets/student-01.tex",
        "answers/student-03.md");
    if (!pdf.isEmpty()) {
      assertThat(new String(a.get("sheets/student-02.pdf"), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }
  }

  @Test
  void aStudentAddedToTheRosterChangesNoOtherSheet() throws IOException {
    Path three = Files.writeString(tmp.resolve("three.txt"), "# week 3\nAda Lovelace\nAlan Turing\n\nGrace Hopper\n");
    Path four = Files.writeString(tmp.resolve("four.csv"), "name,email\nAda Lovelace,a@x\nAlan Turing,b@x\n"
        + "\"Hopper, Grace\",c@x\nGrace Hopper,d@x\n");
    assertThat(run("exercise", "--students", three.toString(), "--format", "md", "--out", tmp.resolve("3").toString())
        .exit()).isZero();
    assertThat(run("exercise", "--students", four.toString(), "--format", "md", "--out", tmp.resolve("4").toString())
        .exit()).isZero();
    for (String s : new String[] {"ada-lovelace", "alan-turing", "grace-hopper"}) {
      assertThat(Files.readString(tmp.resolve("4/sheets/" + s + ".md"))).as(s)
          .isEqualTo(Files.readString(tmp.resolve("3/sheets/" + s + ".md")));
    }
    assertThat(tmp.resolve("4/sheets/hopper-grace.md")).exists();
  }

  @Test
  void theManifestNamesEveryStudentsVariantAndFilesThatExist() throws IOException {
    Path out = tmp.resolve("m");
    assertThat(run("exercise", "--count", "6", "--seed", "11", "--course", COURSE, "--format", "md", "--out",
        out.toString()).exit()).isZero();
    JsonNode m = new ObjectMapper().readTree(out.resolve("exercises.json").toFile());
    assertThat(m.path("seed").asLong()).isEqualTo(11);
    assertThat(m.path("students")).hasSize(6);
    for (JsonNode s : m.path("students")) {
      for (String file : new String[] {"sheet", "answer", "key"}) {
        assertThat(out.resolve(s.path(file).asText())).as(file).exists();
      }
      JsonNode v = s.path("variant");
      String sheet = Files.readString(out.resolve(s.path("sheet").asText()));
      // What the sheet says of the network is this variant's: its stages and its loss.
      assertThat(sheet).contains("runs for " + v.path("steps").asInt() + " stages");
      assertThat(sheet).contains(v.path("loss").asText().equals("total") ? "the total loss" : "the loss of the newest stage");
      assertThat(sheet).contains(s.path("sheetId").asText());
      everyQuestionAsksSomething(sheet);
      assertThat(v.path("steps").asInt()).isBetween(2, 3);
      // The key is the variant's lesson, term by term, as 'unroll lesson' writes it.
      Path lesson = tmp.resolve("lesson-" + s.path("slug").asText());
      assertThat(run("lesson", "--steps", v.path("steps").asText(), "--wrt", v.path("parameter").asText(), "--loss",
          v.path("loss").asText(), "--activation", v.path("activation").asText(), "--expanded", "--format", "md",
          "--out", lesson.toString()).exit()).isZero();
      assertThat(Files.readString(out.resolve(s.path("key").asText())))
          .isEqualTo(Files.readString(lesson.resolve(v.path("id").asText() + ".md")));
    }
  }

  /** Under every question's heading stands a sentence that asks it. */
  static void everyQuestionAsksSomething(String sheet) {
    String[] sections = sheet.split("### Question ");
    assertThat(sections.length).isGreaterThan(1);
    for (int i = 1; i < sections.length; i++) {
      String body = sections[i].substring(sections[i].indexOf('\n')).strip();
      assertThat(body).as("question " + i).matches("(?s)(Walk|Write|Define|Let) .*\\..*");
    }
  }

  @Test
  void aGradientOfTheOutputWeightIsNotAskedForADeltaRecursion() throws IOException {
    Path course = Files.writeString(tmp.resolve("v.properties"), "cells = rnn\nsteps = 2\nparameters = V\n"
        + "losses = last\nactivations = tanh\n");
    Path out = tmp.resolve("v");
    assertThat(run("exercise", "--count", "1", "--course", course.toString(), "--format", "md", "--out", out.toString())
        .exit()).isZero();
    String sheet = Files.readString(out.resolve("sheets/student-01.md"));
    assertThat(sheet).contains("one stage of the backward walk", "the whole gradient", "with one term for each loss")
        .doesNotContain("delta recursion").doesNotContain("the activation's derivative as a diagonal matrix");
    everyQuestionAsksSomething(sheet);
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws IOException {
    Path dup = Files.writeString(tmp.resolve("dup.txt"), "Ada Lovelace\nada  lovelace\n");
    Path unknownKey = Files.writeString(tmp.resolve("k.properties"), "cells = rnn\nstages = 3\n");
    Path noParams = Files.writeString(tmp.resolve("p.properties"), "cells = lstm\nparameters.lstm = W\n");
    String[][] cases = {
        {"exercise", "--students", tmp.resolve("nobody.txt").toString()},
        {"exercise", "--count", "0"},
        {"exercise", "--students", dup.toString()},
        {"exercise", "--count", "2", "--course", unknownKey.toString()},
        {"exercise", "--count", "2", "--course", noParams.toString()},
        {"exercise", "--count", "2", "--format", "docx"},
        {"exercise"},
    };
    for (String[] c : cases) {
      Path out = tmp.resolve("bad");
      String[] args = java.util.Arrays.copyOf(c, c.length + 2);
      args[c.length] = "--out";
      args[c.length + 1] = out.toString();
      GradeCommandTest.Run r = run(args);
      assertThat(r.exit()).as(String.join(" ", c)).isEqualTo(2);
      assertThat(r.err().strip()).as(String.join(" ", c)).startsWith("unroll: ").doesNotContain("\n")
          .doesNotContain("Exception");
      assertThat(out).doesNotExist();
    }
  }
}
