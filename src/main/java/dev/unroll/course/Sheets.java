package dev.unroll.course;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.LessonViews;
import dev.unroll.render.Notation;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the view of one student's sheet from the variant's unrolled network: which questions the
 * variant can be asked (a gradient of V has no delta recursion; a gated cell is asked in adjoint
 * form) and every formula the sheet prints.
 */
public final class Sheets {
  private final Course course;
  private final LatexWriter tex = new LatexWriter(Notation.LESSON);

  public Sheets(Course course) {
    this.course = course;
  }

  /** The sheet's id: the course seed and the variant, as the answer file's front matter repeats it. */
  public static String sheetId(long seed, Variant v) {
    return "seed " + seed + ", " + v.id();
  }

  public SheetView view(Student student, Variant variant, CellDefinition cell, long seed) {
    UnrolledGraph graph = new Unroller().unroll(cell, variant.steps());
    Derivation d = new Differentiator().derive(graph, variant.parameter(), variant.loss());
    String state = cell.declarations(Declaration.Kind.STATE).get(0).name();
    boolean gated = dev.unroll.pipeline.Pipeline.gated(cell);
    // The state whose own path the bound follows: the LSTM's cell state c, else the first state.
    String memory = cell.declarations(Declaration.Kind.STATE).stream().map(Declaration::name)
        .filter(n -> n.equals("c")).findFirst().orElse(state);
    // A parameter that only the outputs read (V of the RNN) has one term per loss and no recursion.
    List<dev.unroll.unroll.Node> states = graph.stages().stream()
        .flatMap(time -> graph.node(state, time).stream()).toList();
    boolean outputParameter = !graph.reaching(states)[d.parameter().id()];
    List<Expr> lhs = new ArrayList<>();
    List<Expr> rhs = new ArrayList<>();
    graph.equations().forEach(e -> {
      lhs.add(e.target());
      rhs.add(e.definition());
    });
    Time newest = graph.last();
    Time oldest = graph.first();
    return new SheetView(course.title(), student.name(), student.slug(), sheetId(seed, variant), cell.title(),
        cell.name(), gated, variant.steps(), variant.loss().spelled(), tex.write(LessonViews.lossSymbol(d)),
        tex.write(d.parameter().label()), variant.activation(), tex.aligned(lhs, rhs),
        tex.write(new Expr.Partial(LessonViews.lossSymbol(d), d.parameter().label())),
        tex.write(Expr.Symbol.at("t", newest, Expr.Role.STATE)).replaceFirst("^t_\\{?(.*?)\\}?$", "$1"),
        spelled(oldest), tex.write(Expr.Symbol.at(state, newest, Expr.Role.STATE)),
        tex.write(Expr.Symbol.at(state, oldest.plus(-1), Expr.Role.STATE)), memory, outputParameter,
        questions(gated, outputParameter).stream().map(SheetView.QuestionView::of).toList());
  }

  private static String spelled(Time time) {
    return time.spelled();
  }

  private List<Question> questions(boolean gated, boolean outputParameter) {
    List<Question> out = new ArrayList<>();
    for (Question.Kind kind : course.questions()) {
      boolean asked = switch (kind) {
        case WALK, MATRIX -> !gated;
        case DELTA -> !outputParameter;
        case SUM, BOUND -> true;
      };
      if (asked) {
        out.add(new Question(out.size() + 1, kind, title(kind, gated)));
      }
    }
    return out;
  }

  private static String title(Question.Kind kind, boolean gated) {
    return switch (kind) {
      case WALK -> "one stage of the backward walk";
      case SUM -> gated ? "the gradient as a sum over stages" : "the whole gradient";
      case MATRIX -> "the column form";
      case DELTA -> gated ? "the adjoint equations" : "the delta recursion";
      case BOUND -> gated ? "the memory's own path" : "how fast the terms shrink or grow";
    };
  }
}
