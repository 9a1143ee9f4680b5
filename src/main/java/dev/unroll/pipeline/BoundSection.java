package dev.unroll.pipeline;

import dev.unroll.cell.Activation;
import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.explore.CachedBounds;
import dev.unroll.explore.Decay;
import dev.unroll.explore.DecayExperiment;
import dev.unroll.explore.DecayPlot;
import dev.unroll.explore.Setting;
import dev.unroll.expr.Expr;
import dev.unroll.render.BoundViews;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.LessonView;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lesson's "why gradients vanish or explode" section: gamma = max |f'| from Symja (through the
 * answer cache), the bound it gives, what this lesson's gradient carries from stage to stage, and the
 * decay of this lesson's own gradient (its parameter, its loss, its stages, or a stated longer horizon
 * when it has too few to show a trend) measured on seeded weights at 0.5/gamma, 1/gamma and 1.5/gamma,
 * with its plot as a file next to the lesson.
 */
final class BoundSection {
  /** Below this many stages a lesson is too short to show a trend; its gradient is measured over {@link #HORIZON}. */
  static final int SHORT_BELOW = 10;
  /** The stages a short lesson's gradient is measured over. */
  static final int HORIZON = 20;
  /** A longer lesson is measured over at most this many of its newest stages (the total loss's products grow with N squared). */
  static final int LONGEST = 200;
  static final long SEED = 1;
  /** The clipping threshold of the measurement: about the size of the gradient on these small random weights. */
  static final double THRESHOLD = 0.1;
  /** Stages of the short derivation that tells whether a parameter's terms cross stages. */
  private static final int PROBE = 3;

  /** The section's view and the files it needs next to the lesson (the plot). */
  record Explained(LessonView.BoundView view, Map<String, String> attachments) {}

  private final Optional<CachedBounds> bounds;

  BoundSection(Optional<CachedBounds> bounds) {
    this.bounds = bounds;
  }

  Explained explain(LessonSpec spec, CellDefinition cell, Forms forms, LatexWriter tex) {
    BoundViews views = new BoundViews(tex);
    String name = String.join(", ", cell.placeholders().values());
    if (bounds.isEmpty() || cell.placeholders().size() != 1 || cell.activations().get(name) == null) {
      return new Explained(views.bound(BoundViews.BoundInput.none(name)), Map.of());
    }
    Activation a = cell.activations().get(name);
    String definition = a.name() + "(" + a.argument() + ") = " + a.definition();
    Optional<ActivationBounds.Bound> found = bounds.get().maxAbsDerivative(a);
    String state = cell.declarations(Declaration.Kind.STATE).stream().map(Declaration::name).findFirst().orElse("s");
    UnrolledGraph probe = new Unroller().unroll(cell, PROBE);
    Derivation own = new Differentiator().derive(probe, spec.wrt(), LossKind.LAST);
    Optional<Recurrence> ownChain = forms.recurrence(own);
    String reach = own.terms().size() == 1 ? "none"
        : ownChain.isPresent() ? (spec.steps() == 1 ? "single" : "chain")
        : own.terms().size() > PROBE ? "routes" : "unknown";
    // The factor to name: the lesson's own; for a parameter whose terms never cross a stage, the recurrent weight's.
    Optional<Recurrence> named = ownChain.or(() -> recurrent(cell, forms, probe));
    String matrix = named.map(r -> new DecayExperiment(cell, r, Pipelines.NUMERIC_SIZES).matrix()).orElse("W");
    Optional<Expr> jacobian = named.map(Recurrence::columnFactor);
    Optional<BoundViews.Gain> gain = found.map(b -> new BoundViews.Gain(b.maximum(), b.value(), b.argument(), b.attained()));
    if (found.isEmpty() || ownChain.isEmpty()) {
      return new Explained(views.bound(new BoundViews.BoundInput(name, definition, a.argument(), gain, reach, jacobian,
          state, matrix, LessonView.MeasureView.none())), Map.of());
    }
    int steps = spec.steps() < SHORT_BELOW ? HORIZON : Math.min(spec.steps(), LONGEST);
    String horizon = spec.steps() < SHORT_BELOW ? "longer" : spec.steps() > LONGEST ? "newest" : "own";
    Decay d = new DecayExperiment(cell, ownChain.get(), Pipelines.NUMERIC_SIZES)
        .run(name, found.get().value(), Setting.DEFAULTS, steps, SEED, THRESHOLD, spec.loss());
    List<BoundViews.Measured> rows = new ArrayList<>();
    for (Decay.Run run : d.runs()) {
      Decay.TermNorm oldest = run.terms().get(run.terms().size() - 1);
      rows.add(new BoundViews.Measured(run.setting().amount(), run.setting().perGamma(), run.sigma(), run.gain(),
          oldest.spectral(), oldest.bound(), run.terms().stream().allMatch(Decay.TermNorm::under), run.total(),
          run.clipped(), run.total() > THRESHOLD));
    }
    PlotFile plot = new PlotFile(spec.slug() + "-decay.svg", DecayPlot.plot(d));
    Expr loss = spec.loss() == LossKind.LAST ? own.graph().lastLoss().label()
        : new Expr.Symbol(cell.loss(), Optional.empty(), Expr.Role.LOSS);
    String sizes = String.join(", ", Pipelines.NUMERIC_SIZES.keySet().stream().sorted(
        java.util.Comparator.comparing((String k) -> List.of("H", "D", "K").indexOf(k)))
        .map(k -> k + " = " + Pipelines.NUMERIC_SIZES.get(k)).toList()); // plain letters and digits: TeX as it stands
    LessonView.MeasureView measure = new LessonView.MeasureView(true, horizon, steps, steps - 1,
        spec.loss() == LossKind.LAST ? steps : steps * (steps + 1) / 2,
        tex.write(new Expr.Partial(loss, own.parameter().label())), sizes, SEED, plot.name(),
        LatexWriter.number(THRESHOLD), views.rows(matrix, rows), plot.drawing());
    return new Explained(views.bound(new BoundViews.BoundInput(name, definition, a.argument(), gain, reach, jacobian,
        state, matrix, measure)), plot.attachment());
  }

  /** The recurrence of the first matrix parameter whose terms form one: the cell's recurrent weight's. */
  private static Optional<Recurrence> recurrent(CellDefinition cell, Forms forms, UnrolledGraph probe) {
    for (Declaration p : cell.declarations(Declaration.Kind.PARAM)) {
      if (p.isMatrix() && probe.params().containsKey(p.name())) {
        Optional<Recurrence> r = forms.recurrence(new Differentiator().derive(probe, p.name(), LossKind.LAST));
        if (r.isPresent()) {
          return r;
        }
      }
    }
    return Optional.empty();
  }
}
