package dev.unroll.pipeline;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.expr.ExprText;
import dev.unroll.render.LessonView;
import dev.unroll.render.TemplateRenderer;
import dev.unroll.explore.CachedBounds;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
import dev.unroll.symbolic.CachedCalculus;
import dev.unroll.symbolic.CrossCheckResult;
import dev.unroll.symbolic.CrossCheckers;
import dev.unroll.symbolic.SymbolicCrossCheck;
import dev.unroll.symbolic.SymjaCalculus;
import dev.unroll.symbolic.SymjaSession;
import dev.unroll.derive.Recurrence;
import dev.unroll.numeric.CheckInput;
import dev.unroll.numeric.CheckReport;
import dev.unroll.numeric.NumericCheck;
import dev.unroll.numeric.Params;
import dev.unroll.numeric.ParamsGenerator;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.Map;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pipeline as the command line uses it: Symja's calculus behind the answer cache, and the
 * symbolic cross-check on every lesson. A pipeline holds a Symja session, which belongs to one
 * thread: make one pipeline per thread.
 */
public final class Pipelines {
  /**
   * The symbolic cross-check differentiates the unrolled loss at the lesson's own number of stages up
   * to this many (a longer lesson is checked at this many).
   */
  public static final int SYMBOLIC_STEPS = 12;
  /**
   * A gated cell's lesson is symbolically checked at its own number of stages up to this many (its
   * adjoint equations; {@link AdjointSymbolicCheck}).
   */
  public static final int GATED_SYMBOLIC_STEPS = 4;
  /**
   * How long the symbolic cross-check of a cell with its own activation may run before the lesson stops
   * with one line saying so. With
   * {@code ActivationDeriver}'s 15 s and Symja's start, a lesson ends within a minute.
   */
  static final java.time.Duration CROSS_CHECK_LIMIT = java.time.Duration.ofSeconds(30);

  private Pipelines() {}

  public static Pipeline standard(Optional<Path> templates) {
    return standard(templates, AnswerCache.standard());
  }

  public static Pipeline standard(Optional<Path> templates, AnswerCache cache) {
    Supplier<SymjaSession> session = new Once<>(SymjaSession::new);
    CrossCheckers checkers = new CrossCheckers(session);
    CellLibrary cells = new CellLibrary();
    return new Pipeline(cells,
        cell -> new CachedCalculus(cache, cell.activations(), () -> new SymjaCalculus(session.get(), cell.activations())),
        List.of((spec, derivation, closed, forms) -> symbolicCheck(derivation, spec.steps(), forms, session, checkers, cache),
            Pipelines::numericCheck),
        List.of(new AdjointSymbolicCheck(session, checkers, cache)),
        new TemplateRenderer(templates), Optional.of(new CachedBounds(cache, ActivationBounds::new)));
  }

  /**
   * The forward-mode derivative of the unrolled loss (Symja's D for each gate), entry by entry,
   * against the derived sum with concrete factors, for the lesson's configuration at small sizes and
   * the lesson's own number of stages (at most {@link #SYMBOLIC_STEPS}). A lesson in closed form is
   * checked through its expanded sum over the same stages.
   */
  static LessonView.CheckView symbolicCheck(Derivation lesson, int lessonSteps, Forms forms, Supplier<SymjaSession> session,
      CrossCheckers checkers, AnswerCache cache) {
    Derivation d = lesson;
    int stages = Math.min(lessonSteps, SYMBOLIC_STEPS);
    if (lesson.graph().steps() != stages) {
      CellDefinition cell = lesson.graph().cell();
      d = new Differentiator().derive(new Unroller().unroll(cell, stages), lesson.parameterName(), lesson.loss());
    }
    var sum = forms.concreteSum(d);
    StringBuilder question = new StringBuilder("symbolic-cross-check forward-mode record\n");
    d.graph().equations().forEach(e -> question.append(ExprText.write(e.target())).append(" = ")
        .append(ExprText.write(e.definition())).append('\n'));
    d.graph().cell().activations().values().forEach(a -> question.append(a).append('\n'));
    question.append(d.parameterName()).append(' ').append(d.loss()).append(' ').append(d.graph().steps()).append('\n')
        .append(SymbolicCrossCheck.DEFAULT_SIZES.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).toList())
        .append(' ').append(SymbolicCrossCheck.DEFAULT_POINTS).append(' ').append(SymbolicCrossCheck.DEFAULT_SEED)
        .append('\n').append(ExprText.write(sum));
    Optional<CrossCheckResult> known = cache.get(question.toString()).flatMap(CheckedWords::decode);
    if (known.isPresent()) {
      return CheckedWords.symbolic(known.get(), lessonSteps);
    }
    Derivation checked = d;
    Supplier<CrossCheckResult> run = () -> checkers.of(checked.graph().cell().activations()).check(checked, sum);
    // A cell's own activation can send Symja's arithmetic off for many minutes: it gets a time limit.
    // The built-in ones are known to finish (slowly on a loaded machine), so they keep none.
    CrossCheckResult result = ownActivations(d.graph().cell())
        ? session.get().limited(CROSS_CHECK_LIMIT, "cross-check the derived sum of the gradient with respect to "
            + d.parameterName() + " (" + d.loss().spelled() + " loss, " + d.graph().steps() + " stages) for the cell's own activation",
            run)
        : run.get();
    cache.put(question.toString(), CheckedWords.encode(result));
    return CheckedWords.symbolic(result, lessonSteps);
  }

  /** True if the cell defines an activation of its own, or redefines a built-in one. */
  static boolean ownActivations(CellDefinition cell) {
    Map<String, dev.unroll.cell.Activation> builtIn = CellLibrary.builtInActivations();
    return cell.activations().values().stream().anyMatch(a -> !a.equals(builtIn.get(a.name())));
  }

  /** Above this many stages the lesson's numeric check samples {@link #LONG_LESSON_SAMPLE} entries a parameter. */
  static final int LONG_LESSON = 1000;

  static final int LONG_LESSON_SAMPLE = 4;

  /** Sizes of the seeded random network the numeric check runs on. */
  public static final Map<String, Integer> NUMERIC_SIZES = Map.of("H", 4, "D", 3, "K", 3);

  /**
   * The backward pass, automatic differentiation and finite differences on seeded random weights of
   * the lesson's full size (all N stages), against the derived sum: term by term for an expanded
   * lesson, the closed form for one in closed form.
   */
  static LessonView.CheckView numericCheck(LessonSpec spec, Derivation d, Optional<Recurrence> closed, Forms forms) {
    UnrolledGraph graph = closed.isPresent() ? new Unroller().unroll(d.graph().cell(), spec.steps()) : d.graph();
    Params params = new ParamsGenerator(graph.cell()).generate(1, NUMERIC_SIZES, graph.steps(),
        String.join(",", graph.cell().placeholders().values()));
    String p = d.parameterName();
    CheckInput input0 = closed.isPresent()
        ? CheckInput.of(graph, params, d.loss(), List.of()).withClosedForms(Map.of(p, closed.get()))
        : CheckInput.of(graph, params, d.loss(), List.of(d))
            .withForms(Map.of(p, forms.concreteSum(d)), Map.of(p, forms.matrixSum(d)));
    CheckInput input = input0;
    if (graph.steps() > LONG_LESSON) {
      // Finite differences cost two forward passes per entry: a long lesson samples a few entries of
      // each parameter for the references (the backward pass and the derived sum still give them all).
      input = input.withSample(LONG_LESSON_SAMPLE, 1);
    }
    CheckReport report = new NumericCheck().run(input);
    return CheckedWords.numeric(report);
  }

  /** A supplier that makes its value on the first call and returns the same one after. */
  private static final class Once<T> implements Supplier<T> {
    private final Supplier<T> make;
    private T value;

    Once(Supplier<T> make) {
      this.make = make;
    }

    @Override
    public T get() {
      if (value == null) {
        value = make.get();
      }
      return value;
    }
  }
}
