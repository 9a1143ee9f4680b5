package dev.unroll.course;

import dev.unroll.derive.LossKind;
import dev.unroll.files.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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

  private static final String RESOURCE = "/course/course.properties";
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
    return parse(Settings.builtIn(RESOURCE));
  }

  /** The built-in defaults with a teacher's course file laid over them. */
  public static Course load(Path file) {
    return parse(Settings.overlay(RESOURCE, file, "course file", "the course file '" + file + "' given with --course",
        KEYS, Set.of("parameters")));
  }

  /** The same course with its cells replaced (the command line's --cell). */
  public Course withCells(List<String> chosen) {
    return new Course(title, chosen, minSteps, maxSteps, parameters, cellParameters, activations, losses, questions);
  }

  /** The parameters a cell's variants may ask about: its own list when the course gives one. */
  public List<String> parametersOf(String cellName) {
    return cellParameters.getOrDefault(cellName, parameters);
  }

  private static Course parse(Settings p) {
    String origin = p.origin();
    List<String> cells = p.list("cells").stream().map(c -> c.endsWith(".cell") ? p.path(c) : c).toList();
    String steps = p.get("steps");
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
    Map<String, List<String>> own = p.lists("parameters");
    List<LossKind> losses = new ArrayList<>();
    for (String l : p.list("losses")) {
      losses.add(LossKind.parse(l));
    }
    List<Question.Kind> questions = new ArrayList<>();
    for (String q : p.list("questions")) {
      questions.add(Question.Kind.parse(q));
    }
    try {
      return new Course(p.get("title"), cells, min, max, p.list("parameters"), own, p.list("activations"), losses,
          questions);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("In " + origin + ": " + e.getMessage());
    }
  }
}
