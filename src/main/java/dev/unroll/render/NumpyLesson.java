package dev.unroll.render;

import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.ClosedForm;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.derive.Term;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Generates a lesson's Python from the engine's own derivation: every form of the gradient the lesson
 * shows, each written by {@link NumpyWriter} from the expressions the lesson's equations are written
 * from ({@link Forms}' terms, the {@link Recurrence}, {@link ClosedForm}, the adjoint equations of an
 * {@link AdjointSystem}), then compared with central finite differences and, where PyTorch is
 * installed, with autograd. Nothing here loops over k by itself: a loop in the code is a sum, product
 * or recursion the derivation states.
 *
 * <p>Each code cell carries the TeX of the equation it computes, written by the same
 * {@link LatexWriter} the lesson uses, so a notebook can place it under that equation.
 */
public final class NumpyLesson {
  /** Term-by-term code is written while the terms hold at most this many factors in all. */
  static final long MAX_TERM_FACTORS = 20_000;
  /** The closed form is evaluated as written while that takes at most this many matrix products. */
  static final long MAX_CLOSED_PRODUCTS = 2_000_000;

  private final LocalCalculus calculus;
  private final LatexWriter tex = new LatexWriter(Notation.LESSON);

  public NumpyLesson(LocalCalculus calculus) {
    this.calculus = Objects.requireNonNull(calculus, "calculus");
  }

  /**
   * The code of a lesson told as a sum of paths.
   *
   * @param full the network over all the lesson's stages (the forward pass runs on it)
   * @param d the derivation the lesson writes term by term, or the short one a closed form came from
   * @param recurrence the delta recursion the lesson shows, if it shows one
   * @param closed the recurrence over all stages when the lesson is in closed form
   */
  public LessonCode sums(UnrolledGraph full, Derivation d, Optional<Recurrence> recurrence, Optional<Recurrence> closed,
      Forms forms) {
    NumpyNetwork network = new NumpyNetwork(full, calculus);
    NumpyWriter py = network.writer();
    List<LessonCode.Cell> cells = new ArrayList<>(start(full, network));
    String loss = d.graph().cell().loss();
    String param = d.parameterName();
    String gradient = NumpyWriter.adjointName(loss, param);
    String lossFunction = d.loss() == LossKind.LAST ? "loss_last" : "loss_total";
    if (closed.isEmpty() && !d.terms().isEmpty() && factors(d) <= MAX_TERM_FACTORS) {
      cells.add(new LessonCode.Cell(tex.write(forms.concrete(d.terms().get(0))),
          terms("The sum with every factor made concrete: row-vector Jacobians, each term closed by its outer product,",
              "concrete", d.terms().stream().map(forms::concrete).toList(), py)
              + gradient + "_concrete = sum(concrete)\n"
              + register("the sum of " + count(d.terms().size()) + ", concrete form", gradient + "_concrete", param, lossFunction)));
      cells.add(new LessonCode.Cell(tex.write(forms.matrix(d.terms().get(0))),
          terms("The same terms in column form: transposed Jacobians in reverse order,",
              "matrix", d.terms().stream().map(forms::matrix).toList(), py)
              + gradient + "_matrix = sum(matrix)\n"
              + register("the sum of " + count(d.terms().size()) + ", matrix form", gradient + "_matrix", param, lossFunction)));
    } else if (closed.isEmpty()) {
      cells.add(new LessonCode.Cell("", "# The " + d.terms().size() + " terms hold " + factors(d) + " factors in all, more than "
          + MAX_TERM_FACTORS + ": the forms below compute the same sum.\n"));
    }
    closed.ifPresent(r -> cells.add(closedForm(r, d.loss(), gradient, param, lossFunction, py)));
    recurrence.ifPresent(r -> cells.add(deltas(r, d.loss() == LossKind.TOTAL, gradient, param, lossFunction, py)));
    cells.addAll(end(network));
    return new LessonCode(cells);
  }

  /**
   * The code of a lesson told by its adjoint equations (a gated cell): every equation in the order one
   * computes them, every parameter's gradient, and the lesson's parameter as the sum over stages it shows.
   */
  public LessonCode adjoints(AdjointSystem s, Adjoints adjoints, String wrt) {
    UnrolledGraph graph = s.graph();
    NumpyNetwork network = new NumpyNetwork(graph, calculus);
    NumpyWriter py = network.writer();
    List<LessonCode.Cell> cells = new ArrayList<>(start(graph, network));
    String lossFunction = s.loss() == LossKind.LAST ? "loss_last" : "loss_total";
    Set<String> names = new LinkedHashSet<>();
    s.adjoints().forEach(a -> names.add(a.variable().name().orElseThrow().name()));
    String loss = graph.cell().loss();
    StringBuilder code = new StringBuilder("# The adjoint equations, newest stage first: ")
        .append(NumpyWriter.adjointName(loss, "v")).append("[k] holds the gradient of the loss with respect to v at stage k.\n");
    if (!names.isEmpty()) {
      code.append(String.join(", ", names.stream().map(n -> NumpyWriter.adjointName(loss, n)).toList())).append(" = ")
          .append(String.join(", ", names.stream().map(n -> "{}").toList())).append("\n");
    }
    Optional<Time> stage = Optional.empty();
    String anchor = "";
    for (AdjointSystem.Adjoint a : s.adjoints()) {
      if (!a.variable().stage().equals(stage)) {
        stage = a.variable().stage();
        code.append("# stage ").append(stage.map(Time::spelled).orElse("")).append("\n");
      }
      Expr lhs = adjoints.lhs(s, a.variable());
      Expr rhs = adjoints.elementwise(adjoints.rhs(s, a));
      if (anchor.isEmpty()) {
        anchor = tex.write(lhs) + " &= " + tex.write(rhs);
      }
      code.append(py.assign(lhs, rhs)).append("\n");
    }
    cells.add(new LessonCode.Cell(anchor, code.toString()));
    StringBuilder gradients = new StringBuilder("# Every weight's gradient: the adjoint at each gate where it enters.\n");
    for (Node p : graph.nodes()) {
      if (p.op() == Op.PARAM) {
        String name = p.name().orElseThrow().name();
        Expr lhs = new Expr.Partial(s.lossSymbol(), p.label());
        gradients.append(py.assign(lhs, adjoints.gradient(s, name))).append("\n")
            .append(register("the adjoint equations", py.write(lhs), name, lossFunction));
      }
    }
    Expr lhs = new Expr.Partial(s.lossSymbol(), graph.param(wrt).label());
    Optional<Expr> series = adjoints.gradientSeries(s, wrt);
    if (series.isPresent()) {
      gradients.append("# The lesson's sum over stages for ").append(wrt).append(".\n")
          .append(py.write(lhs)).append("_sum = ").append(py.write(series.get())).append("\n")
          .append(register("the sum over stages", py.write(lhs) + "_sum", wrt, lossFunction));
    }
    cells.add(new LessonCode.Cell(tex.equation(lhs, series.orElseGet(() -> adjoints.gradient(s, wrt))),
        gradients.toString()));
    cells.addAll(end(network));
    return new LessonCode(cells);
  }

  private List<LessonCode.Cell> start(UnrolledGraph graph, NumpyNetwork network) {
    String anchor = graph.equations().isEmpty() ? "" : tex.write(graph.equations().get(0).definition());
    return List.of(new LessonCode.Cell(anchor, network.setup()), new LessonCode.Cell("", network.forward()));
  }

  private static List<LessonCode.Cell> end(NumpyNetwork network) {
    return List.of(new LessonCode.Cell("## Checked", network.check()), new LessonCode.Cell("", network.autograd()));
  }

  private static String terms(String what, String list, List<Expr> terms, NumpyWriter py) {
    StringBuilder out = new StringBuilder("# ").append(what).append(" one line a term.\n").append(list).append(" = [\n");
    for (Expr t : terms) {
      out.append("    ").append(py.write(t)).append(",\n");
    }
    return out.append("]\n").toString();
  }

  /**
   * The delta recursion the lesson shows: delta at the newest stage, then one step back at a time;
   * for the total loss each delta also adds its own stage's output error ({@link Recurrence#totalDelta}).
   */
  private LessonCode.Cell deltas(Recurrence r, boolean total, String gradient, String param, String lossFunction,
      NumpyWriter py) {
    Time k = Recurrence.K;
    Expr delta = Expr.Symbol.at("delta", k, Expr.Role.INTERMEDIATE);
    Expr deltaFirst = Expr.Symbol.at("delta", r.first(), Expr.Role.INTERMEDIATE);
    Expr deltaNext = Expr.Symbol.at("delta", k.plus(1), Expr.Role.INTERMEDIATE);
    Expr step = total ? r.totalDelta(deltaNext) : Expr.juxtapose(List.of(r.columnFactor(), deltaNext));
    Expr body = r.end().<Expr>map(e -> Expr.juxtapose(List.of(delta, new Expr.Transpose(e)))).orElse(delta);
    Expr sum = new Expr.Series(Expr.SeriesKind.SUM, k, r.first(), r.last(), true, Expr.ProductStyle.JUXTAPOSE, body);
    String anchor = tex.aligned(List.of(deltaFirst, delta), List.of(r.firstDelta(), step));
    String code = "# The delta recursion, from the newest stage back to the oldest, " + r.last().spelled() + ".\n"
        + "delta = {}\n"
        + py.assign(deltaFirst, r.firstDelta()) + "\n"
        + "for " + py.index(k.variable()) + " in range(" + py.time(r.first().plus(-1)) + ", " + py.time(r.last().plus(-1))
        + ", -1):\n"
        + "    " + py.assign(delta, step) + "\n"
        + gradient + "_delta = " + py.write(sum) + "\n"
        + register("the delta recursion", gradient + "_delta", param, total ? lossFunction : "loss_last");
    return new LessonCode.Cell(anchor, code);
  }

  private LessonCode.Cell closedForm(Recurrence r, LossKind loss, String gradient, String param, String lossFunction,
      NumpyWriter py) {
    Expr form = loss == LossKind.TOTAL ? ClosedForm.totalMatrix(r) : ClosedForm.matrix(r);
    long n = r.first().offset() - r.last().offset() + 1L;
    long products = loss == LossKind.TOTAL ? n * (n + 1) * (n + 2) / 6 : n * (n + 1) / 2;
    String code;
    if (products <= MAX_CLOSED_PRODUCTS) {
      code = "# The closed form in column form, evaluated as written: sums over stages of products over stages.\n"
          + gradient + "_closed = " + py.write(form) + "\n"
          + register("the closed form", gradient + "_closed", param, lossFunction);
    } else {
      code = "# The closed form, evaluated as written, takes " + products + " matrix products at N = " + n
          + "; the delta recursion below computes the same sum in N steps.\n";
    }
    return new LessonCode.Cell(tex.write(form), code);
  }

  private static String register(String form, String variable, String param, String lossFunction) {
    return "derived.append((\"" + form + "\", " + variable + ", \"" + param + "\", " + lossFunction + "))\n";
  }

  private static String count(int terms) {
    return terms + (terms == 1 ? " term" : " terms");
  }

  private static long factors(Derivation d) {
    long n = 0;
    for (Term t : d.terms()) {
      n += t.factors().size() + 1;
    }
    return n;
  }
}
