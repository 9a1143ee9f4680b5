package dev.unroll.course;

import dev.unroll.derive.LossKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ranges a course lets exercise variants vary in: cells, stages, parameters, losses,
 * activations, and the questions a sheet asks. Read from the built-in {@code course/course.properties}
 * with a teacher's file laid over it, so every key has a default.
 *
 * @param cells built-in cell names or paths of .cell files (already resolved against the course file)
 * @param cellParameters parameters of one cell (by its name) in place of {@code parameters}
 */
public record Course(
    String title,
    List<String> cells,
    int minSteps,
    int maxSteps,
    List<String> parameters,
    Map<String, List<String>> cellParameters,
    List<String> activations,
    List<LossKind> losses,
    List<Question.Kind> questions) {

  /** Sheets are derived by hand: more stages than this make an exercise of bookkeeping. */
  public static final int MAX_STEPS = 12;

  private static final Set<String> KEYS =
      Set.of("title", "cells", "steps", "parameters", "activations", "losses", "questions");

  public Course {
    Objects.requireNonNull(title, "title");
    cells = List.copyOf(cells);
    parameters = List.copyOf(parameters);
    cellParameters = Collections.unmodifiableMap(new TreeMap<>(cellParameters));
    activations = List.copyOf(activations);
    losses = List.copyOf(losses);
    questions = List.copyOf(questions);
    if (minSteps < 1 || maxSteps > MAX_STEPS || minSteps > maxSteps) {
      throw new IllegalArgumentException("steps must be a range MIN-MAX within 1-" + MAX_STEPS + ", got " + minSteps
          + "-" + maxSteps + ".");
    }
    for (List<?> list : List.of(cells, parameters, activations, losses, questions)) {
      if (list.isEmpty()) {
        throw new IllegalArgumentException(
            "A course needs at least one cell, parameter, activation, loss and question.");
      }
    }
  }

  /** The built-in defaults. */
  public static Course defaults() {
    return parse(builtIn(), "the built-in course.properties", null);
  }

  /** The built-in defaults with a teacher's course file laid over them. */
  public static Course load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--course must name a readable course file, got '" + file + "'"
          + (Files.isDirectory(file) ? " (a folder)." : Files.exists(file) ? " (not readable)." : " (no such file)."));
    }
    Properties user = properties(text, "the course file " + file);
    Properties merged = builtIn();
    for (String key : new TreeSet<>(user.stringPropertyNames())) {
      if (!KEYS.contains(key) && !key.matches("parameters\\.[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("The course file " + file + " has an unknown key '" + key
            + "'; the keys are " + String.join(", ", new TreeSet<>(KEYS)) + " and parameters.CELL.");
      }
      merged.setProperty(key, user.getProperty(key));
    }
    return parse(merged, "the course file " + file, file.toAbsolutePath().getParent());
  }

  /** The same course with its cells replaced (the command line's --cell). */
  public Course withCells(List<String> chosen) {
    return new Course(title, chosen, minSteps, maxSteps, parameters, cellParameters, activations, losses, questions);
  }

  /** The parameters a cell's variants may ask about: its own list when the course gives one. */
  public List<String> parametersOf(String cellName) {
    return cellParameters.getOrDefault(cellName, parameters);
  }

  private static Course parse(Properties p, String origin, Path base) {
    List<String> cells = list(p, "cells").stream()
        .map(c -> c.endsWith(".cell") && base != null ? base.resolve(c).normalize().toString() : c).toList();
    String steps = p.getProperty("steps", "").strip();
    int min;
    int max;
    try {
      String[] range = steps.split("\\s*-\\s*", -1);
      if (range.length == 1) {
        min = max = Integer.parseInt(range[0]);
      } else if (range.length == 2) {
        min = Integer.parseInt(range[0]);
        max = Integer.parseInt(range[1]);
      } else {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("steps in " + origin + " must be a number or a range MIN-MAX such as 2-4, got '"
          + steps + "'.");
    }
    Map<String, List<String>> own = new TreeMap<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      if (key.startsWith("parameters.")) {
        own.put(key.substring("parameters.".length()), list(p, key));
      }
    }
    List<LossKind> losses = new ArrayList<>();
    for (String l : list(p, "losses")) {
      losses.add(LossKind.parse(l));
    }
    List<Question.Kind> questions = new ArrayList<>();
    for (String q : list(p, "questions")) {
      questions.add(Question.Kind.parse(q));
    }
    try {
      return new Course(p.getProperty("title", "").strip(), cells, min, max, list(p, "parameters"), own,
          list(p, "activations"), losses, questions);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("In " + origin + ": " + e.getMessage());
    }
  }

  private static List<String> list(Properties p, String key) {
    return Arrays.stream(p.getProperty(key, "").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Properties builtIn() {
    try (InputStream in = Course.class.getResourceAsStream("/course/course.properties")) {
      return properties(new String(Objects.requireNonNull(in, "course.properties").readAllBytes(),
          StandardCharsets.UTF_8), "the built-in course.properties");
    } catch (IOException e) {
      throw new IllegalStateException("The built-in course.properties cannot be read.", e);
    }
  }

  private static Properties properties(String text, String origin) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + " is not a properties file: " + e.getMessage() + ".");
    }
    return p;
  }
}
