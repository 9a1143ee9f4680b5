package dev.unroll.pipeline;

import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.expr.ExprText;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.LessonView;
import dev.unroll.render.Notation;
import dev.unroll.symbolic.AnswerCache;
import dev.unroll.symbolic.CrossCheckResult;
import dev.unroll.symbolic.CrossCheckers;
import dev.unroll.symbolic.SymbolicCrossCheck;
import dev.unroll.symbolic.SymjaSession;
import dev.unroll.unroll.Unroller;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The symbolic cross-check of a gated cell's lesson: its adjoint equations, evaluated in order at a
 * seeded point, and the gradient they give, against the forward-mode derivative of the unrolled loss
 * ({@link SymbolicCrossCheck#check(AdjointSystem, Adjoints, String)}), at the lesson's own number of
 * stages up to {@link #STEPS}. The record is kept in the answer cache under everything it depends on
 * (the cell's equations and activations, the checked equations, sizes, points and seed), so a
 * rebuilt lesson states the same check without running it.
 */
final class AdjointSymbolicCheck implements Pipeline.GatedCheck {
  /**
   * A gated lesson is checked at its own N up to this many stages. Four hold every kind of adjoint
   * equation a longer lesson has (the newest stage's, the first stage's, and two general stages
   * between them, one carrying both the state's own route and the routes through the gates).
   */
  static final int STEPS = Pipelines.GATED_SYMBOLIC_STEPS;

  private final Supplier<SymjaSession> session;
  private final AnswerCache cache;

  private final CrossCheckers checkers;

  AdjointSymbolicCheck(Supplier<SymjaSession> session, CrossCheckers checkers, AnswerCache cache) {
    this.session = session;
    this.checkers = checkers;
    this.cache = cache;
  }

  @Override
  public LessonView.CheckView run(LessonSpec spec, AdjointSystem lesson, Adjoints adjoints) {
    AdjointSystem s = lesson.graph().steps() <= STEPS ? lesson
        : adjoints.derive(new Unroller().unroll(lesson.graph().cell(), STEPS), lesson.loss());
    String parameter = spec.wrt();
    String parameterTex = new LatexWriter(Notation.LESSON).write(s.graph().param(parameter).label());
    StringBuilder question = new StringBuilder("symbolic-cross-check adjoint forward-mode record\n");
    s.graph().equations().forEach(e -> question.append(ExprText.write(e.target())).append(" = ")
        .append(ExprText.write(e.definition())).append('\n'));
    s.graph().cell().activations().values().forEach(a -> question.append(a).append('\n'));
    question.append(parameter).append(' ').append(s.loss()).append(' ').append(s.graph().steps()).append('\n')
        .append(SymbolicCrossCheck.DEFAULT_SIZES.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList())
        .append(' ').append(SymbolicCrossCheck.DEFAULT_POINTS).append(' ').append(SymbolicCrossCheck.DEFAULT_SEED)
        .append('\n');
    for (AdjointSystem.Adjoint a : s.adjoints()) {
      question.append(ExprText.write(adjoints.lhs(s, a.variable()))).append(" = ")
          .append(ExprText.write(adjoints.rhs(s, a))).append('\n');
    }
    question.append(ExprText.write(adjoints.gradient(s, parameter)));
    Optional<CrossCheckResult> known = cache.get(question.toString()).flatMap(CheckedWords::decode);
    if (known.isPresent()) {
      return CheckedWords.adjointSymbolic(known.get(), parameterTex, lesson.graph().steps());
    }
    Supplier<CrossCheckResult> run = () -> checkers.of(s.graph().cell().activations()).check(s, adjoints, parameter);
    // As for a plain cell's lesson: a cell's own activation gets a time limit, the built-in ones none.
    CrossCheckResult result = Pipelines.ownActivations(s.graph().cell())
        ? session.get().limited(Pipelines.CROSS_CHECK_LIMIT, "cross-check the adjoint equations for the gradient "
            + "with respect to " + parameter + " (" + s.loss().spelled() + " loss, " + s.graph().steps()
            + " stages) for the cell's own activation", run)
        : run.get();
    cache.put(question.toString(), CheckedWords.encode(result));
    return CheckedWords.adjointSymbolic(result, parameterTex, lesson.graph().steps());
  }
}
