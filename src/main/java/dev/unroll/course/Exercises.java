package dev.unroll.course;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code unroll exercise}'s one verb: a course, a seed and a class in; for each student a sheet
 * (Markdown and LaTeX) and an answer file to fill in, and the manifest that records who got what.
 * The answer keys are the variants' lessons, which the caller derives with the lesson pipeline.
 */
public final class Exercises {
  /** Everything one class is handed: text files by their path in the exercise folder, and the manifest. */
  public record Handout(SortedMap<String, String> files, Manifest manifest, Map<String, Variant> keys) {}

  private final Course course;
  private final long seed;
  private final CellLibrary cells;
  private final TemplateRenderer templates;

  public Exercises(Course course, long seed, CellLibrary cells, TemplateRenderer templates) {
    this.course = course;
    this.seed = seed;
    this.cells = cells;
    this.templates = templates;
  }

  public Handout handOut(List<Student> students) {
    VariantDraw draw = new VariantDraw(course, seed, cells);
    Sheets sheets = new Sheets(course);
    SortedMap<String, String> files = new TreeMap<>();
    Map<String, Variant> keys = new TreeMap<>();
    List<Assignment> assignments = new ArrayList<>();
    Map<String, CellDefinition> loaded = new LinkedHashMap<>();
    for (Student s : students) {
      Variant v = draw.draw(s);
      CellDefinition cell = loaded.computeIfAbsent(v.cell(), cells::load);
      if (!cell.placeholders().isEmpty()) {
        cell = cell.withPlaceholder(cell.placeholders().keySet().iterator().next(), v.activation());
      }
      SheetView view = sheets.view(s, v, cell, seed);
      String sheet = "sheets/" + s.slug();
      String answer = "answers/" + s.slug() + ".md";
      String key = "keys/" + v.id() + ".md";
      files.put(sheet + ".md", templates.render("exercise/sheet.md.ftl", view));
      files.put(sheet + ".tex", templates.render("exercise/sheet.tex.ftl", view));
      files.put(answer, templates.render("exercise/answer.md.ftl", view));
      keys.put(v.id(), v);
      List<Question> questions = view.questions().stream()
          .map(q -> new Question(q.number(), Question.Kind.parse(q.kind()), q.title())).toList();
      assignments.add(new Assignment(s, v, view.sheetId(), questions, sheet + ".md", answer, key));
    }
    Manifest manifest = new Manifest(course.title(), seed, assignments);
    files.put(Manifest.FILE, manifest.json());
    return new Handout(files, manifest, keys);
  }
}
