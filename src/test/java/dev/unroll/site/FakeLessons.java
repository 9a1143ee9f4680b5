package dev.unroll.site;

import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import java.util.function.Function;

/**
 * Lessons for site tests: the draft lessons (real derivations, a short text with the same kinds of
 * math the pipeline writes: display blocks with {@code aligned}, inline formulas, {@code \sech}) and
 * an optional failure for one configuration.
 */
final class FakeLessons implements Function<LessonSpec, Lesson> {
  private final DraftLessons draft = new DraftLessons();
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
    Lesson l = draft.apply(spec);
    String extra = "\n## Notes\n\nFor tanh, $\\frac{d}{dz}\\tanh z = \\sech^2 z = 1 - \\tanh^2 z$; a price is $5.\n";
    return new Lesson(spec, l.derivation(), l.markdown() + extra, l.latex());
  }
}
