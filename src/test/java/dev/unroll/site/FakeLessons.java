package dev.unroll.site;

import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.pipeline.Pipeline;
import dev.unroll.pipeline.TextbookPipelines;
import java.util.function.Function;

/**
 * Lessons for site tests: the real pipeline with the hand-written calculus and no checks (no Symja,
 * so quick), a closing note with a picture reference and {@code \sech}, and an optional failure for
 * one configuration. The lesson's own attachments (a gated lesson's plot) are kept.
 */
final class FakeLessons implements Function<LessonSpec, Lesson> {
  /** Where the note's picture points; the site writes the network's SVG there. */
  static final String PICTURE = "assets/unrolled-network.svg";

  private final Pipeline pipeline = TextbookPipelines.withoutChecks();
  private final String failOn;

  FakeLessons() {
    this("");
  }

  /** Lessons that throw for the configuration with this slug. */
  FakeLessons(String failOn) {
    this.failOn = failOn;
  }

  @Override
  public Lesson apply(LessonSpec spec) {
    if (spec.slug().equals(failOn)) {
      throw new IllegalStateException("the derivation of " + spec.slug() + " ran out of patience");
    }
    Lesson l = pipeline.lesson(spec);
    String extra = "\n## Notes\n\n![The network](" + PICTURE + ")\n\nFor tanh, $\\frac{d}{dz}\\tanh z = \\sech^2 z = 1 - \\tanh^2 z$; a price is $5.\n";
    return new Lesson(spec, l.derivation(), l.checks(), l.markdown() + extra, l.latex(), l.attachments());
  }
}
