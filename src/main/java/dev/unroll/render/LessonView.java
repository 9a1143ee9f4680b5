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

  /**
   * One check's outcome in words and figures, ready to print: {@code words} alternate plain text and
   * TeX (numbers as {@code 3.9 \\times 10^{-16}}, sizes as {@code H = 4}).
   */
  public record CheckView(String name, boolean passed, List<Part> words) {
    public CheckView {
      Objects.requireNonNull(name, "name");
      words = List.copyOf(words);
    }

    /** A check told in plain words only. */
    public CheckView(String name, boolean passed, String summary) {
      this(name, passed, List.of(Part.text(summary)));
    }

    /** The words with their mathematics as plain TeX, for a terminal or a log. */
    public String summary() {
      StringBuilder out = new StringBuilder();
      words.forEach(w -> out.append(w.math() ? "$" + w.value() + "$" : w.value()));
      return out.toString();
    }
  }

  /** A piece of a sentence: plain words, or TeX set as inline mathematics. */
  public record Part(boolean math, String value) {
    public Part {
      Objects.requireNonNull(value, "value");
    }

    public static Part text(String words) {
      return new Part(false, words);
    }

    public static Part math(String tex) {
      return new Part(true, tex);
    }
  }

  /**
   * The bound on how a gradient changes per stage back, from the activation's gain gamma = max |f'|
   * that Symja found (never typed by hand), and the decay of this lesson's gradient measured on
   * seeded weights. Every formula and number is TeX.
   *
   * @param present whether Symja found gamma; if not, {@code definition} says for which function
   * @param reach what the lesson's gradient carries from stage to stage: {@code chain} (one product of
   *     Jacobians per term, a factor per stage back), {@code single} (this lesson has one stage, so its
   *     one term carries none, though longer lessons do), {@code none} (the parameter's terms never
   *     cross a stage, as V's), {@code routes} (several routes per stage) or {@code unknown}
   * @param jacobian the factor one stage back multiplies a term by, for the lesson's parameter or
   *     (for {@code none}) for the cell's recurrent weight; empty if there is none
   * @param definition the activation's definition, {@code f(z) = max(0, z)}, in words
   * @param gamma {@code \gamma = ...} with Symja's exact value
   * @param argument where |f'| is largest as TeX ({@code z = 0}), {@code any} if everywhere, empty if
   *     the maximum is not attained
   * @param bound {@code \| \partial s_t / \partial s_k \| \le (\gamma \sigma_{\max}(W))^{t-k}}
   * @param vanishing the sufficient condition for vanishing, with 1/gamma's value
   * @param exploding the necessary condition for exploding, with 1/gamma's value
   * @param matrixTex the recurrent weight matrix whose largest singular value the bound uses
   * @param measure the measured decay, when the lesson's gradient carries products of Jacobians
   */
  public record BoundView(boolean present, String reach, String jacobian, String activation,
      String definition, String gamma, String argument, String gainTex, String bound, String vanishing,
      String exploding, String clippingCondition, String clipped, String matrixTex, Symbols symbols,
      MeasureView measure) {
    public BoundView {
      Objects.requireNonNull(reach, "reach");
      Objects.requireNonNull(measure, "measure");
    }
  }

  /**
   * The symbols the bound section's words name, as TeX: {@code \\gamma}, {@code \\sigma_{\\max}(W)},
   * {@code |f'(z)|}, the activation's argument, the bound at reach j, and the letters t, k, j, c, g.
   */
  public record Symbols(String gamma, String sigma, String derivative, String argument, String powerJ, String t,
      String k, String j, String c, String g) {}

  /**
   * The decay of the lesson's own gradient, measured on seeded weights with the recurrent matrix scaled to
   * three largest singular values.
   *
   * @param present whether anything was measured
   * @param horizon {@code own} (all the lesson's stages), {@code longer} (the lesson is too short to show a
   *     trend, so the same gradient over {@code steps} stages) or {@code newest} (a very long lesson, over
   *     its newest {@code steps} stages)
   * @param steps how many stages were measured; {@code oldestReach} is steps - 1
   * @param gradientTex the gradient measured, {@code \partial E_{t+1} / \partial W}
   * @param sizes the seeded network's sizes as TeX ({@code H = 4, D = 3, K = 3}), {@code seed} its seed
   * @param plot the plot's file name next to the lesson
   * @param threshold the clipping threshold, TeX
   * @param rows one row per setting of the largest singular value
   * @param drawing the plot laid out for the LaTeX, from the same numbers as the plot's SVG
   */
  public record MeasureView(boolean present, String horizon, int steps, int oldestReach, int termCount,
      String gradientTex, String sizes, long seed, String plot, String threshold, List<MeasuredView> rows,
      PlotView drawing) {
    public MeasureView {
      rows = List.copyOf(rows);
      java.util.Objects.requireNonNull(drawing, "drawing");
    }

    public static MeasureView none() {
      return new MeasureView(false, "", 0, 0, 0, "", "", 0, "", "", List.of(), PlotView.none());
    }
  }

  /**
   * One measured setting as TeX: {@code setting} the largest singular value as asked and its value
   * ({@code \\sigma_{\\max}(W) = 0.5/\\gamma = 0.5}), {@code gain} gamma sigma with its value, the
   * spectral norm of the oldest product of Jacobians and its bound, whether every product lay under its
   * bound, and the whole gradient's norm before and after clipping (numbers as TeX).
   */
  public record MeasuredView(String setting, String gain, String oldest, String oldestBound,
      boolean allUnder, String total, String clipped, boolean clips) {}
}
