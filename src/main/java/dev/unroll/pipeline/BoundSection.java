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
import dev.unroll.expr.Expr;
import dev.unroll.explore.Decay;
import dev.unroll.explore.DecayExperiment;
import dev.unroll.explore.DecayPlot;
import dev.unroll.explore.DecayTable;
import dev.unroll.explore.Setting;
import dev.unroll.render.LessonView;
import dev.unroll.render.LessonViews;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lesson's "why gradients vanish or explode" section: gamma = max |f'| from Symja (through the
 * answer cache), the bound it gives, and the decay of the derived sum's terms measured on seeded
 * weights at 0.5/gamma, 1/gamma and 1.5/gamma, with its plot as a file next to the lesson.
 */
final class BoundSection {
  /** How many terms the lesson's measurement follows back, whatever the lesson's N. */
  static final int MEASURED_STAGES = 30;
  static final long SEED = 1;
  /** The clipping threshold of the measurement: about the size of the gradient on these small random weights. */
  static final double THRESHOLD = 0.1;

  /** The section's view and the files it needs next to the lesson (the plot). */
  record Explained(LessonView.BoundView view, Map<String, String> attachments) {}

  private final Optional<CachedBounds> bounds;

  BoundSection(Optional<CachedBounds> bounds) {
    this.bounds = bounds;
  }

  Explained explain(LessonSpec spec, CellDefinition cell, Forms forms, LessonViews views) {
    String name = String.join(", ", cell.placeholders().values());
    if (bounds.isEmpty() || cell.placeholders().size() != 1) {
      return new Explained(views.bound(LessonViews.BoundInput.none(name)), Map.of());
    }
    Activation a = cell.activations().get(name);
    if (a == null) {
      return new Explained(views.bound(LessonViews.BoundInput.none(name)), Map.of());
    }
    String definition = a.name() + "(" + a.argument() + ") = " + a.definition();
    Optional<ActivationBounds.Bound> found = bounds.get().maxAbsDerivative(a);
    String state = cell.declarations(Declaration.Kind.STATE).stream().map(Declaration::name).findFirst().orElse("s");
    Optional<Derivation> measuredBy = measured(cell, forms, spec.wrt());
    Optional<Recurrence> r = measuredBy.flatMap(forms::recurrence);
    if (found.isEmpty() || r.isEmpty()) {
      LessonViews.BoundInput in = new LessonViews.BoundInput(name, definition,
          found.map(b -> new LessonViews.Gain(b.maximum(), b.value(), b.argument(), b.attained())), state, "W",
          Optional.empty(), "", 0, "",
          List.of(), List.of());
      return new Explained(views.bound(in), Map.of());
    }
    ActivationBounds.Bound b = found.get();
    String where = b.argument().equals("any z") || b.argument().isEmpty() ? b.argument() : a.argument() + " = " + b.argument();
    DecayExperiment experiment = new DecayExperiment(cell, r.get(), Pipelines.NUMERIC_SIZES);
    Decay d = experiment.run(name, b.value(), Setting.DEFAULTS, MEASURED_STAGES, SEED, THRESHOLD);
    List<LessonView.MeasuredView> measured = new ArrayList<>();
    for (Decay.Run run : d.runs()) {
      Decay.TermNorm oldest = run.terms().get(run.terms().size() - 1);
      measured.add(new LessonView.MeasuredView(run.setting().label(), DecayTable.number(run.sigma()),
          DecayTable.number(run.gain()), DecayTable.number(oldest.relative()), DecayTable.number(oldest.bound()),
          run.terms().stream().allMatch(t -> t.relative() <= t.bound() * (1 + 1e-9)),
          DecayTable.number(run.total()), DecayTable.number(run.clipped())));
    }
    PlotFile plot = new PlotFile(spec.slug() + "-decay.svg", DecayPlot.plot(d));
    LessonViews.BoundInput in = new LessonViews.BoundInput(name, definition,
        Optional.of(new LessonViews.Gain(b.maximum(), b.value(), where, b.attained())), state, d.matrix(),
        measuredBy.map(m -> new Expr.Partial(m.graph().lastLoss().label(), m.parameter().label())), plot.name(),
        MEASURED_STAGES, DecayTable.number(THRESHOLD), measured, plot.series());
    return new Explained(views.bound(in), plot.attachment());
  }

  /**
   * The newest loss's derivation whose terms form a recurrence for the lesson's parameter or, when its terms form
   * none (V's single term), for the first parameter whose terms do: found on a 3-stage derivation.
   */
  static Optional<Derivation> measured(CellDefinition cell, Forms forms, String preferred) {
    List<String> order = new ArrayList<>();
    order.add(preferred);
    cell.declarations(Declaration.Kind.PARAM).forEach(p -> {
      if (!p.name().equals(preferred) && p.isMatrix()) {
        order.add(p.name());
      }
    });
    var graph = new Unroller().unroll(cell, 3);
    for (String p : order) {
      if (!graph.params().containsKey(p)) {
        continue;
      }
      Derivation d = new Differentiator().derive(graph, p, LossKind.LAST);
      if (forms.recurrence(d).isPresent()) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
