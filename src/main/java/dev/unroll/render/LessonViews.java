package dev.unroll.render;

import dev.unroll.derive.Chain;
import dev.unroll.derive.ClosedForm;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Factor;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.derive.Step;
import dev.unroll.derive.Term;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the typed view of a lesson from a derivation: every formula is an engine expression typeset
 * by the one {@link LatexWriter}; nothing here invents mathematics.
 */
public final class LessonViews {
  /**
   * Up to this many stages every step of the walk and every term of the total loss is shown; beyond
   * it the walk is told for the newest three stages and the oldest, and the total loss's sum for its
   * newest stage, so a 50-stage lesson stays readable (and a few hundred kilobytes, not megabytes).
   */
  public static final int SHOWN_IN_FULL = 8;

  private final Forms forms;
  private final LatexWriter tex;

  public LessonViews(Forms forms, LatexWriter tex) {
    this.forms = forms;
    this.tex = tex;
  }

  /** A lesson shown expanded, every term written out (abridged beyond {@link #SHOWN_IN_FULL} stages). */
  public LessonView view(Derivation d, String activation, List<LessonView.CheckView> checks, String diagram) {
    return view(d, d.graph().steps(), Optional.empty(), activation, checks, diagram);
  }

  /**
   * A lesson of {@code steps} stages. With a closed form, {@code d} is a short derivation whose walk
   * is told and {@code closed} the recurrence over all the stages; without, {@code d} is the whole
   * derivation.
   */
  public LessonView view(Derivation d, int steps, Optional<Recurrence> closed, String activation,
      List<LessonView.CheckView> checks, String diagram) {
    return view(d, steps, closed, activation, checks, diagram, new BoundViews(tex).bound(BoundViews.BoundInput.none(activation)));
  }

  /** As {@link #view(Derivation, int, Optional, String, List, String)}, with the bound section given. */
  public LessonView view(Derivation d, int steps, Optional<Recurrence> closed, String activation,
      List<LessonView.CheckView> checks, String diagram, LessonView.BoundView bound) {
    boolean abridged = closed.isEmpty() && steps > SHOWN_IN_FULL;
    Expr loss = lossSymbol(d);
    Expr param = d.parameter().label();
    Expr gradient = new Expr.Partial(loss, param);
    List<Expr> lhs = new ArrayList<>();
    List<Expr> rhs = new ArrayList<>();
    d.graph().equations().forEach(e -> {
      lhs.add(e.target());
      rhs.add(e.definition());
    });
    return new LessonView(
        d.graph().cell().title(),
        d.graph().cell().name(),
        d.graph().cell().title(),
        steps,
        d.parameterName(),
        tex.write(param),
        activation,
        d.loss().spelled(),
        tex.write(loss),
        tex.write(gradient),
        tex.aligned(lhs, rhs),
        walk(d, abridged),
        closed.isPresent() ? "newest" : abridged ? "abridged" : "all",
        closed.map(r -> closedSums(d, r, gradient)).orElseGet(() -> expandedSums(d, abridged, gradient)),
        localGradients(d),
        recurrence(closed.or(() -> forms.recurrence(d.newestLoss())),
            d.loss() == LossKind.TOTAL ? gradient : new Expr.Partial(d.graph().lastLoss().label(), param),
            d.loss() == LossKind.TOTAL),
        checks,
        diagram,
        bound);
  }

  private LessonView.SumView expandedSums(Derivation d, boolean abridged, Expr gradient) {
    List<Term> shown = abridged && d.loss() == LossKind.TOTAL
        ? d.terms().stream().filter(t -> t.loss().equals(d.graph().lastLoss())).toList()
        : d.terms();
    Expr lhs = shown.size() == d.terms().size() ? gradient
        : new Expr.Partial(d.graph().lastLoss().label(), d.parameter().label());
    return new LessonView.SumView(d.terms().size(), shown.size(), false,
        tex.alignedSum(lhs, shown.stream().map(forms::chain).toList()),
        tex.alignedSum(lhs, shown.stream().map(forms::concrete).toList()),
        tex.alignedSum(lhs, shown.stream().map(forms::matrix).toList()),
        "", "", "", "");
  }

  private LessonView.SumView closedSums(Derivation d, Recurrence r, Expr gradient) {
    boolean total = d.loss() == LossKind.TOTAL;
    int n = r.first().offset() - r.last().offset() + 1;
    int terms = total ? n * (n + 1) / 2 : n;
    Expr chain = ClosedForm.chain(r);
    Expr newest = ClosedForm.term(chain, r.first());
    Expr oldest = ClosedForm.term(chain, r.last());
    return new LessonView.SumView(terms, terms, true, "", "", "",
        tex.equation(gradient, total ? ClosedForm.totalChain(r) : chain),
        tex.equation(gradient, total ? ClosedForm.totalMatrix(r) : ClosedForm.matrix(r)),
        tex.displayed(elided(newest)),
        tex.displayed(elided(oldest)));
  }

  /** Factors kept at each end of a written-out term that is longer than twice this. */
  static final int KEPT_AT_EACH_END = 12;

  /**
   * A very long term (the oldest of 10,000 stages has 20,000 factors) with its middle factors shown
   * as a dots: every factor shown is the engine's, and the ones left out repeat the pattern.
   */
  private static Expr elided(Expr term) {
    if (!(term instanceof Expr.Product p) || p.factors().size() <= 2 * KEPT_AT_EACH_END) {
      return term;
    }
    List<Expr> kept = new ArrayList<>(p.factors().subList(0, KEPT_AT_EACH_END));
    kept.add(new Expr.Apply("cdots", List.of()));
    kept.addAll(p.factors().subList(p.factors().size() - KEPT_AT_EACH_END, p.factors().size()));
    return new Expr.Product(kept, p.style());
  }

  /** {@code E_{t+1}} for the last loss, {@code E} for the total. */
  public static Expr lossSymbol(Derivation d) {
    if (d.loss() == LossKind.LAST) {
      return d.graph().lastLoss().label();
    }
    return new Expr.Symbol(d.graph().cell().loss(), Optional.empty(), Expr.Role.LOSS);
  }

  /**
   * The walk from the newest loss, grouped by stage; for the total loss the walks from older losses
   * are the same walk shifted, and are not told again. Abridged, the newest three stages and the
   * oldest are told.
   */
  private List<LessonView.StageView> walk(Derivation d, boolean abridged) {
    Map<String, List<LessonView.StepView>> groups = new LinkedHashMap<>();
    Map<String, Step> firstOfGroup = new LinkedHashMap<>();
    Time oldest = d.graph().first();
    int newest = d.graph().last().offset();
    for (Step s : d.walk()) {
      if (!s.loss().equals(d.graph().lastLoss())) {
        continue;
      }
      if (abridged && s.stage().offset() <= newest - 3 && !s.stage().equals(oldest)) {
        continue;
      }
      String key = s.loss().id() + "@" + s.stage().spelled();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(step(d, s));
      firstOfGroup.putIfAbsent(key, s);
    }
    List<LessonView.StageView> out = new ArrayList<>();
    groups.forEach((key, steps) -> {
      Step first = firstOfGroup.get(key);
      out.add(new LessonView.StageView(first.stage().spelled(), tex.write(first.loss().label()), steps));
    });
    return out;
  }

  private LessonView.StepView step(Derivation d, Step s) {
    Node gate = s.gate();
    String kind = s.kind().name();
    if (s.kind() == Step.Kind.PARAMETER) {
      Term term = s.term().orElseThrow();
      Expr lhs = new Expr.Partial(term.loss().label(), d.parameter().label());
      String other = term.end() instanceof dev.unroll.derive.Terminal.OtherInput o ? tex.write(o.vector().label()) : "";
      return new LessonView.StepView(kind, tex.equation(lhs, forms.chain(term)), "", "", tex.write(d.parameter().label()),
          other, "");
    }
    List<Factor> factors = s.chain().factors();
    Factor last = factors.get(factors.size() - 1);
    String gradient = tex.write(forms.chain(s.chain()));
    String local = tex.write(forms.chain(Chain.of(List.of(last))));
    if (last instanceof Factor.Local l) {
      return new LessonView.StepView(kind, gradient, tex.write(l.output().label()), tex.write(l.input().label()), "", "", local);
    }
    if (last instanceof Factor.Through t) {
      return new LessonView.StepView(kind, gradient, tex.write(gate.label()), tex.write(gate.input(1).label()),
          tex.write(t.matrix().label()), tex.write(gate.input(1).label()), local);
    }
    if (last instanceof Factor.Elementwise e) {
      return new LessonView.StepView(kind, gradient, tex.write(gate.label()), "", "", tex.write(e.other().label()), local);
    }
    return new LessonView.StepView(kind, gradient, tex.write(gate.label()), "", "", "", local);
  }

  /** One equation per kind of local gradient met on the newest term, activations written at stage k. */
  private List<String> localGradients(Derivation d) {
    if (d.terms().isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    List<Factor> factors = d.terms().get(d.terms().size() - 1).factors();
    for (int i = 0; i < factors.size(); i++) {
      if (!(factors.get(i) instanceof Factor.Local l)) {
        continue;
      }
      boolean fused = l.output().op() == Op.CROSSENTROPY && i + 1 < factors.size()
          && factors.get(i + 1) instanceof Factor.Local next && next.output().op() == Op.SOFTMAX;
      List<Factor> part = fused ? factors.subList(i, i + 2) : List.of(l);
      String key = l.output().op() + ":" + l.output().function() + ":" + l.output().name().map(Expr.Symbol::name).orElse("");
      if (seen.contains(key)) {
        continue;
      }
      seen.add(key);
      Chain chain = Chain.of(part);
      Expr left = forms.chain(chain);
      Expr right = forms.concrete(chain);
      if (l.output().op() == Op.ACTIVATION) {
        Time stage = l.output().stage().orElseThrow();
        left = Rewrite.retime(left, stage, Recurrence.K);
        right = Rewrite.retime(right, stage, Recurrence.K);
      }
      out.add(tex.equation(left, right));
      if (fused) {
        i++;
      }
    }
    return out;
  }

  /**
   * The delta recursion: for the last loss each delta is the next one carried back; for the total
   * loss each delta also adds its own stage's output error ({@link Recurrence#totalDelta}).
   */
  private LessonView.RecurrenceView recurrence(Optional<Recurrence> found, Expr gradient, boolean total) {
    if (found.isEmpty()) {
      return new LessonView.RecurrenceView(false, "", "", "", "");
    }
    Recurrence r = found.get();
    Time k = Recurrence.K;
    Expr delta = Expr.Symbol.at("delta", k, Expr.Role.INTERMEDIATE);
    Expr deltaFirst = Expr.Symbol.at("delta", r.first(), Expr.Role.INTERMEDIATE);
    Expr deltaNext = Expr.Symbol.at("delta", k.plus(1), Expr.Role.INTERMEDIATE);
    String deltas = tex.aligned(List.of(deltaFirst, delta),
        List.of(r.firstDelta(), total ? r.totalDelta(deltaNext) : Expr.juxtapose(List.of(r.columnFactor(), deltaNext))));
    Expr body = r.end().<Expr>map(e -> Expr.juxtapose(List.of(delta, new Expr.Transpose(e)))).orElse(delta);
    String sum = tex.equation(gradient, new Expr.Series(Expr.SeriesKind.SUM, k, r.first(), r.last(), true,
        Expr.ProductStyle.JUXTAPOSE, body));
    return new LessonView.RecurrenceView(true, tex.write(r.chainFactor()), tex.write(r.columnFactor()), deltas, sum);
  }
}
