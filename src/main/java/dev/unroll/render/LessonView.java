package dev.unroll.render;

import java.util.List;
import java.util.Objects;

/**
 * Everything a lesson template shows, already typeset: TeX strings built by {@link LatexWriter} from
 * engine expressions, and plain words. Templates lay these out and add prose; they compute nothing.
 *
 * @param equations the cell's equations as an {@code aligned} block
 * @param walk one group per loss and stage, in the order the backward walk visits them
 * @param walkScope which stages the walk tells: {@code all}, {@code abridged} (the newest three and
 *     the oldest) or {@code newest} (the newest three, for a lesson in closed form)
 * @param sums the final sum in each notation
 * @param recurrence how one term's gradient grows into the next one's, when the terms form a chain
 * @param checks what was checked and how it came out, one entry per check
 */
public record LessonView(
    String title,
    String cellName,
    String cellTitle,
    int steps,
    String parameter,
    String parameterTex,
    String activation,
    String loss,
    String lossTex,
    String gradientTex,
    String equations,
    List<StageView> walk,
    String walkScope,
    SumView sums,
    List<String> localGradients,
    RecurrenceView recurrence,
    List<CheckView> checks,
    String diagram) {

  public LessonView {
    Objects.requireNonNull(title, "title");
    walk = List.copyOf(walk);
    localGradients = List.copyOf(localGradients);
    checks = List.copyOf(checks);
  }

  /**
   * The final sum. Expanded ({@code compact} false): {@code chain}, {@code concrete} and {@code matrix}
   * hold every shown term, one a line. In closed form: {@code closedChain} and {@code closedMatrix}
   * hold the sum with {@code \\sum} and {@code \\prod}, and {@code firstTerm}/{@code lastTerm} the
   * newest and oldest terms written out, in chain notation.
   *
   * @param shownTermCount how many terms the expanded sums show: all, or for an abridged total loss
   *     those of the newest stage's loss
   */
  public record SumView(int termCount, int shownTermCount, boolean compact, String chain, String concrete,
      String matrix, String closedChain, String closedMatrix, String firstTerm, String lastTerm) {}

  /** The steps of the walk at one stage of one loss: one bullet list in the lesson. */
  public record StageView(String stage, String lossTex, List<StepView> steps) {
    public StageView {
      steps = List.copyOf(steps);
    }
  }

  /**
   * One step of the walk. {@code kind} is the name of a {@code derive.Step.Kind}; {@code gradient}
   * is the gradient after the step in chain notation; the other fields name the gate's parts in TeX
   * (empty where a kind has none).
   */
  public record StepView(String kind, String gradient, String output, String input, String matrix, String other,
      String local) {}

  /**
   * The factor that repeats from one term to the next ({@code W \cdot \partial s_t / \partial z_t}),
   * in chain and matrix form, and the delta recursion it gives (empty rows when the terms do not form
   * one chain, as for the total loss).
   */
  public record RecurrenceView(boolean present, String chainFactor, String jacobian, String deltas, String sum) {}

  /** One check's outcome in words and figures, ready to print. */
  public record CheckView(String name, boolean passed, String summary) {}
}
