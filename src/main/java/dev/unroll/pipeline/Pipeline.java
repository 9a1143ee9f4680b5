package dev.unroll.pipeline;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.Recurrence;
import dev.unroll.explore.CachedBounds;
import dev.unroll.render.GatedLessonView;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.LessonCode;
import dev.unroll.render.LessonView;
import dev.unroll.render.LessonViews;
import dev.unroll.render.Notation;
import dev.unroll.render.NumpyLesson;
import dev.unroll.render.TemplateRenderer;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes a lesson: cell -> unroll -> derive -> check -> render, one short method. Each stage is a
 * small object that takes values and returns values; this class only wires them.
 */
public final class Pipeline {
  /** A check run on every lesson; its outcome is stated in the lesson's "Checked" section. */
  public interface Check {
    /**
     * @param derivation the derivation the lesson tells (a short one when the lesson is in closed form)
     * @param closed the recurrence over all the lesson's stages, when the lesson is in closed form
     */
    LessonView.CheckView run(LessonSpec spec, Derivation derivation, Optional<Recurrence> closed, Forms forms);
  }

  /** A check run on every gated cell's lesson, given its adjoint equations. */
  public interface GatedCheck {
    /** @param system the lesson's adjoint equations, over all its stages */
    LessonView.CheckView run(LessonSpec spec, AdjointSystem system, Adjoints adjoints);
  }

  private final CellLibrary cells;
  private final Function<CellDefinition, LocalCalculus> calculi;
  private final List<Check> checks;
  private final List<GatedCheck> gatedChecks;
  private final TemplateRenderer templates;
  private final BoundSection bound;

  /**
   * @param calculi makes the local-derivative calculus for a cell (Symja's in production)
   * @param checks the checks every lesson runs and reports
   */
  public Pipeline(CellLibrary cells, Function<CellDefinition, LocalCalculus> calculi, List<Check> checks,
      TemplateRenderer templates) {
    this(cells, calculi, checks, templates, Optional.empty());
  }

  /**
   * @param bounds finds gamma = max |f'| for the "why gradients vanish or explode" section (Symja's,
   *     cached); without it the section names no gamma
   */
  public Pipeline(CellLibrary cells, Function<CellDefinition, LocalCalculus> calculi, List<Check> checks,
      TemplateRenderer templates, Optional<CachedBounds> bounds) {
    this(cells, calculi, checks, List.of(), templates, bounds);
  }

  /** @param gatedChecks the checks every gated cell's lesson runs and reports, besides its numeric check */
  public Pipeline(CellLibrary cells, Function<CellDefinition, LocalCalculus> calculi, List<Check> checks,
      List<GatedCheck> gatedChecks, TemplateRenderer templates, Optional<CachedBounds> bounds) {
    this.gatedChecks = List.copyOf(gatedChecks);
    this.bound = new BoundSection(bounds);
    this.cells = Objects.requireNonNull(cells, "cells");
    this.calculi = Objects.requireNonNull(calculi, "calculi");
    this.checks = List.copyOf(checks);
    this.templates = Objects.requireNonNull(templates, "templates");
  }

  public Lesson lesson(LessonSpec spec) {
    CellDefinition cell = cell(spec);
    if (GatedLessons.gated(cell)) {
      return gatedLesson(spec, cell);
    }
    LocalCalculus calculus = calculi.apply(cell);
    Forms forms = new Forms(calculus);
    Shape shape = shape(cell, spec, forms);
    List<LessonView.CheckView> outcomes = checks.stream()
        .map(c -> c.run(spec, shape.derivation(), shape.closed(), forms)).toList();
    LessonViews views = new LessonViews(forms, new LatexWriter(Notation.LESSON));
    BoundSection.Explained explained = bound.explain(spec, cell, forms, new LatexWriter(Notation.LESSON));
    LessonView view = views.view(shape.derivation(), spec.steps(), shape.closed(), activationOf(cell), outcomes,
        Lesson.diagramPath(spec).orElse(""), explained.view());
    // The printed page breaks its long displays into rows; the Markdown leaves that to the reader's width.
    LessonView printed = new LessonViews(forms, LatexWriter.printed(Notation.LESSON)).view(shape.derivation(),
        spec.steps(), shape.closed(), activationOf(cell), outcomes, "", explained.view());
    return new Lesson(spec, shape.derivation(), outcomes,
        templates.render("markdown/lesson.md.ftl", view),
        templates.render("latex/lesson.tex.ftl", printed), explained.attachments(), code(spec, cell, shape, forms, calculus));
  }

  /**
   * A gated cell's lesson is told with its adjoint equations, whose size stays linear in N (the
   * expanded sum grows exponentially); the derivation kept in the {@link Lesson} is of one stage.
   */
  private Lesson gatedLesson(LessonSpec spec, CellDefinition cell) {
    LocalCalculus calculus = calculi.apply(cell);
    GatedLessons.Told told = new GatedLessons(cells, calculus, gatedChecks).lesson(spec, cell);
    GatedLessonView view = told.view();
    Derivation oneStage = new Differentiator().derive(new Unroller().unroll(cell, 1), spec.wrt(), spec.loss());
    return new Lesson(spec, oneStage, view.checks(),
        templates.render("markdown/lesson.md.ftl", view),
        templates.render("latex/lesson.tex.ftl", told.printed()), told.attachments(), gatedCode(spec, cell, calculus));
  }

  /**
   * The lesson's Python, from the same derivation its equations show: the terms, the delta recursion
   * it shows (the newest loss's, as the lesson writes it) and the closed form, over all its stages.
   */
  private static LessonCode code(LessonSpec spec, CellDefinition cell, Shape shape, Forms forms, LocalCalculus calculus) {
    UnrolledGraph full = shape.derivation().graph().steps() == spec.steps() ? shape.derivation().graph()
        : new Unroller().unroll(cell, spec.steps());
    Optional<Recurrence> shown = shape.closed().or(() -> forms.recurrence(shape.derivation().newestLoss()));
    return new NumpyLesson(calculus).sums(full, shape.derivation(), shown, shape.closed(), forms);
  }

  private static LessonCode gatedCode(LessonSpec spec, CellDefinition cell, LocalCalculus calculus) {
    Adjoints adjoints = new Adjoints(calculus);
    AdjointSystem system = adjoints.derive(new Unroller().unroll(cell, spec.steps()), spec.loss());
    return new NumpyLesson(calculus).adjoints(system, adjoints, spec.wrt());
  }

  /**
   * Whether a cell's routes multiply with every stage (a gate multiplies two values elementwise), so
   * that its lesson is told through adjoint equations rather than one term per route.
   */
  public static boolean gated(CellDefinition cell) {
    return GatedLessons.gated(cell);
  }

  /** Above this many stages a lesson is written in closed form unless the spec asks otherwise. */
  public static final int AUTO_COMPACT_ABOVE = LessonViews.SHOWN_IN_FULL;

  /**
   * Above this many stages the expanded sum is refused: its size grows with the square of N (a
   * 100-stage lesson already holds 5,050 factors in one sum).
   */
  public static final int EXPANDED_LIMIT = 100;

  /** Stages of the short derivation a closed form is found from. */
  private static final int SHORT = 3;

  /**
   * The derivation a lesson tells and, in closed form, the recurrence over all its stages. The
   * closed form is found from a short derivation; where the terms do not form one recurrence (V's
   * single term) the whole derivation is used, which is then small.
   */
  private record Shape(Derivation derivation, Optional<Recurrence> closed) {}

  private Shape shape(CellDefinition cell, LessonSpec spec, Forms forms) {
    boolean compact = spec.form() == LessonSpec.Form.COMPACT
        || (spec.form() == LessonSpec.Form.AUTO && spec.steps() > AUTO_COMPACT_ABOVE);
    if (!compact && spec.steps() > EXPANDED_LIMIT) {
      throw new IllegalArgumentException("The expanded sum is written for at most " + EXPANDED_LIMIT
          + " stages, got " + spec.steps() + "; use the closed form (--compact, the default above "
          + AUTO_COMPACT_ABOVE + " stages).");
    }
    Differentiator differentiator = new Differentiator();
    if (compact) {
      Derivation small = differentiator.derive(new Unroller().unroll(cell, Math.min(spec.steps(), SHORT)),
          spec.wrt(), spec.loss());
      Optional<Recurrence> found = forms.recurrence(small.newestLoss());
      if (found.isPresent() && spec.steps() >= SHORT) {
        return new Shape(small, found.map(r -> r.over(spec.steps())));
      }
    }
    UnrolledGraph graph = new Unroller().unroll(cell, spec.steps());
    return new Shape(differentiator.derive(graph, spec.wrt(), spec.loss()), Optional.empty());
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
