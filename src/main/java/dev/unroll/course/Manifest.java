package dev.unroll.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unroll.derive.LossKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code exercises.json}: the seed a class's sheets were drawn with and, per student, the variant,
 * its questions and the files written for it. {@code unroll grade --manifest} reads it back to judge
 * each submission against its own variant.
 */
public record Manifest(String course, long seed, List<Assignment> assignments) {
  public static final String FILE = "exercises.json";
  private static final int FORMAT = 1;
  /** A manifest is a list of students; a file this large is not one. */
  private static final long MAX_BYTES = 64L << 20;

  public Manifest {
    assignments = List.copyOf(assignments);
  }

  /** The student whose file name is {@code slug}. */
  public Optional<Assignment> of(String slug) {
    return assignments.stream().filter(a -> a.student().slug().equals(slug)).findFirst();
  }

  public String json() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    root.put("course", course);
    root.put("seed", seed);
    ArrayNode students = root.putArray("students");
    for (Assignment a : assignments) {
      ObjectNode s = students.addObject();
      s.put("student", a.student().name());
      s.put("slug", a.student().slug());
      s.put("sheetId", a.sheetId());
      ObjectNode v = s.putObject("variant");
      v.put("id", a.variant().id());
      v.put("cell", a.variant().cell());
      v.put("steps", a.variant().steps());
      v.put("parameter", a.variant().parameter());
      v.put("loss", a.variant().loss().spelled());
      v.put("activation", a.variant().activation());
      ArrayNode qs = s.putArray("questions");
      for (Question q : a.questions()) {
        qs.addObject().put("number", q.number()).put("kind", q.kind().spelled()).put("title", q.title());
      }
      s.put("sheet", a.sheet());
      s.put("answer", a.answer());
      s.put("key", a.key());
    }
    try {
      return mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The manifest could not be written as JSON.", e);
    }
  }

  /**
   * Reads a manifest written by {@code unroll exercise}.
   *
   * @throws IllegalArgumentException in one sentence naming the file and what is wrong with it
   */
  public static Manifest read(Path file) {
    JsonNode root;
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--manifest must name the exercises.json that 'unroll exercise' wrote, got '"
            + file + "'" + (Files.isDirectory(file) ? " (a folder)." : " (no such file)."));
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException("--manifest '" + file + "' is larger than any manifest of a class.");
      }
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("--manifest '" + file + "' is not readable JSON: "
          + e.getMessage().lines().findFirst().orElse("") + ".");
    }
    try {
      if (root == null || root.path("format").asInt() != FORMAT || !root.path("students").isArray()) {
        throw new IllegalArgumentException("no format " + FORMAT + " or no students");
      }
      List<Assignment> out = new ArrayList<>();
      Map<String, Boolean> seen = new LinkedHashMap<>();
      for (JsonNode s : root.path("students")) {
        JsonNode v = s.required("variant");
        Variant variant = new Variant(v.required("cell").asText(), v.required("steps").asInt(),
            v.required("parameter").asText(), LossKind.parse(v.required("loss").asText()),
            v.required("activation").asText());
        List<Question> qs = new ArrayList<>();
        for (JsonNode q : s.required("questions")) {
          qs.add(new Question(q.required("number").asInt(), Question.Kind.parse(q.required("kind").asText()),
              q.required("title").asText()));
        }
        Student student = new Student(s.required("student").asText(), s.required("slug").asText());
        if (seen.put(student.slug(), true) != null) {
          throw new IllegalArgumentException("the student " + student.slug() + " is listed twice");
        }
        out.add(new Assignment(student, variant, s.required("sheetId").asText(), qs, s.path("sheet").asText(),
            s.path("answer").asText(), s.path("key").asText()));
      }
      return new Manifest(root.path("course").asText(), root.required("seed").asLong(), out);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--manifest '" + file + "' is not a manifest that 'unroll exercise' wrote ("
          + e.getMessage().replaceAll("\\.$", "") + ").");
    }
  }
}
