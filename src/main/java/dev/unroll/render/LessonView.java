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
 * @param bound why gradients vanish or explode: the activation's gain and the bound it gives, and
 *     the measured decay
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
    String diagram,
    BoundView bound) {

  public LessonView {
    Objects.requireNonNull(title, "title");
    walk = List.copyOf(walk);
    localGradients = List.copyOf(localGradients);
    checks = List.copyOf(checks);
    Objects.requireNonNull(bound, "bound");
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

  /**
   * The bound on how a gradient changes per stage back, from the activation's gain gamma = max |f'|
   * that Symja found (never typed by hand), and the decay measured on seeded weights.
   *
   * @param present whether Symja found gamma; if not, {@code definition} says for which function
   * @param definition the activation's definition, {@code f(z) = max(0, z)}, in TeX
   * @param gamma {@code \gamma = ...} with Symja's exact value
   * @param gammaValue gamma as a decimal
   * @param argument where |f'| is largest ({@code 0}, or {@code any z}), empty if the maximum is not attained
   * @param bound {@code \| \partial s_t / \partial s_k \| \le (\gamma \sigma_{\max}(W))^{t-k}}
   * @param vanishing the sufficient condition for vanishing, with 1/gamma's value
   * @param exploding the necessary condition for exploding, with 1/gamma's value
   * @param clipping the clipping rule: the condition and the rescaled gradient
   * @param plot the plot's file name next to the lesson, empty if nothing was measured
   * @param measuredSteps how many terms were measured
   * @param threshold the clipping threshold used in the measurement
   * @param parameterTex the recurrent weight matrix whose largest singular value the bound uses
   * @param measuredTex the gradient whose terms were measured, {@code \\partial E_{t+1} / \\partial W}
   * @param measured one row per setting of the largest singular value
   * @param series the plot's lines as pgfplots coordinates, from the same numbers as the plot
   */
  public record BoundView(boolean present, String activation, String definition, String gamma, String gammaValue,
      String argument, String inverse, String bound, String vanishing, String exploding, String clippingCondition,
      String clipped, String plot, int measuredSteps, String threshold, String parameterTex,
      String measuredTex, List<MeasuredView> measured, List<SeriesView> series) {
    public BoundView {
      measured = List.copyOf(measured);
      series = List.copyOf(series);
    }
  }

  /**
   * One measured setting, numbers already printed: the largest singular value ({@code label} as asked,
   * {@code sigma} its value), gamma sigma, the oldest term's relative norm and its bound, whether
   * every term lay under its bound, and the whole sum's norm before and after clipping.
   */
  public record MeasuredView(String label, String sigma, String gain, String oldest, String oldestBound,
      boolean allUnder, String total, String clipped) {}

  /**
   * A line of a plot as pgfplots draws it, from the same points as the plot's SVG.
   *
   * @param color the line's colour as an index into the layout's palette, from 0
   * @param points {@code (x,y) (x,y) ...}
   */
  public record SeriesView(String label, int color, boolean dashed, String points) {}
}
