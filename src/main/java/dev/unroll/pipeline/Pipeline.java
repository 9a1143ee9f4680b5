package dev.unroll.pipeline;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.LessonView;
import dev.unroll.render.LessonViews;
import dev.unroll.render.Notation;
import dev.unroll.render.TemplateRenderer;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes a lesson: cell -> unroll -> derive -> check -> render, one short method. Each stage is a
 * small object that takes values and returns values; this class only wires them.
 */
public final class Pipeline {
  /** A check run on every lesson; its outcome is stated in the lesson's "Checked" section. */
  public interface Check {
    LessonView.CheckView run(Derivation derivation, Forms forms);
  }

  private final CellLibrary cells;
  private final Function<CellDefinition, LocalCalculus> calculi;
  private final List<Check> checks;
  private final TemplateRenderer templates;

  /**
   * @param calculi makes the local-derivative calculus for a cell (Symja's in production)
   * @param checks the checks every lesson runs and reports
   */
  public Pipeline(CellLibrary cells, Function<CellDefinition, LocalCalculus> calculi, List<Check> checks,
      TemplateRenderer templates) {
    this.cells = Objects.requireNonNull(cells, "cells");
    this.calculi = Objects.requireNonNull(calculi, "calculi");
    this.checks = List.copyOf(checks);
    this.templates = Objects.requireNonNull(templates, "templates");
  }

  public Lesson lesson(LessonSpec spec) {
    CellDefinition cell = cell(spec);
    UnrolledGraph graph = new Unroller().unroll(cell, spec.steps());
    Derivation derivation = new Differentiator().derive(graph, spec.wrt(), spec.loss());
    Forms forms = new Forms(calculi.apply(cell));
    List<LessonView.CheckView> outcomes = checks.stream().map(c -> c.run(derivation, forms)).toList();
    LessonView view = new LessonViews(forms, new LatexWriter(Notation.LESSON))
        .view(derivation, activationOf(cell), outcomes, "");
    return new Lesson(spec, derivation,
        templates.render("markdown/lesson.md.ftl", view),
        templates.render("latex/lesson.tex.ftl", view));
  }

  /** The spec's cell with its activation placeholder bound to the spec's activation, if it names one. */
  public CellDefinition cell(LessonSpec spec) {
    CellDefinition cell = cells.load(spec.cell());
    if (spec.activation().isEmpty() || cell.placeholders().isEmpty()) {
      return cell;
    }
    if (cell.placeholders().size() > 1) {
      throw new IllegalArgumentException("The cell '" + cell.name() + "' has several activation placeholders; "
          + "--activation cannot choose among them.");
    }
    return cell.withPlaceholder(cell.placeholders().keySet().iterator().next(), spec.activation());
  }

  private static String activationOf(CellDefinition cell) {
    return cell.placeholders().isEmpty() ? "cell's own" : String.join(", ", cell.placeholders().values());
  }
}
