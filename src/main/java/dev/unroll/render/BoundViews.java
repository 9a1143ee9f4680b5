package dev.unroll.render;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.derive.Recurrence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the "why gradients vanish or explode" section's view: the bound from Symja's gamma and the
 * measured decay, every formula and number typeset by the one {@link LatexWriter}. Nothing here is
 * measured or derived; it only typesets what {@link BoundInput} carries.
 */
public final class BoundViews {
  private final LatexWriter tex;

  public BoundViews(LatexWriter tex) {
    this.tex = Objects.requireNonNull(tex, "tex");
  }

  /**
   * What the bound section is built from, nothing typed by hand: Symja's gamma (absent when Symja
   * could not find it), what the lesson's gradient carries from stage to stage, and the measured decay.
   *
   * @param definition the activation's definition in words, {@code relu(z) = max(0, z)}
   * @param variable the activation's argument ({@code z})
   * @param reach see {@link LessonView.BoundView#reach()}
   * @param jacobian the factor a term is multiplied by one stage further back
   * @param state the cell's state ({@code s}) and {@code matrix} its recurrent weight ({@code W})
   */
  public record BoundInput(String activation, String definition, String variable, Optional<Gain> gain, String reach,
      Optional<Expr> jacobian, String state, String matrix, LessonView.MeasureView measure) {
    public BoundInput {
      Objects.requireNonNull(measure, "measure");
    }

    /** No gamma and no measurement. */
    public static BoundInput none(String activation) {
      return new BoundInput(activation, "", "z", Optional.empty(), "unknown", Optional.empty(), "s", "W",
          LessonView.MeasureView.none());
    }
  }

  /**
   * gamma = max |f'| as Symja gave it: its exact text ({@code 1/4}), value, and the argument where it
   * is attained ({@code 0}, or {@code any z}).
   */
  public record Gain(String exact, double value, String argument, boolean attained) {}

  /**
   * One measured setting in numbers: the largest singular value asked ({@code amount}, times 1/gamma
   * if {@code perGamma}) and reached ({@code sigma}), gamma sigma, the oldest product's spectral norm
   * and its bound, whether every product lay under its bound, the gradient's norm and its clipped norm.
   */
  public record Measured(double amount, boolean perGamma, double sigma, double gain, double oldest,
      double oldestBound, boolean allUnder, double total, double clipped, boolean clips) {}

  /** The measured settings as TeX, for {@link LessonView.MeasureView#rows()}. */
  public List<LessonView.MeasuredView> rows(String matrix, List<Measured> measured) {
    Expr sigma = new Expr.Apply("sigmamax", List.of(new Expr.Symbol(matrix, Optional.empty(), Expr.Role.PARAMETER)));
    Expr gain = Expr.juxtapose(List.of(symbol("gamma"), sigma));
    return measured.stream().map(m -> {
      Expr asked = m.perGamma()
          ? new Expr.Apply("frac", List.of(decimal(LatexWriter.number(m.amount())), symbol("gamma")))
          : decimal(LatexWriter.number(m.amount()));
      List<Expr> sides = m.perGamma() ? List.of(sigma, asked, decimal(LatexWriter.number(m.sigma())))
          : List.of(sigma, asked);
      String setting = tex.relations(sides, sides.size() == 3
          ? List.of(LatexWriter.Relation.EQUAL, LatexWriter.Relation.EQUAL) : List.of(LatexWriter.Relation.EQUAL));
      return new LessonView.MeasuredView(setting,
          tex.relations(List.of(gain, decimal(LatexWriter.number(m.gain()))), List.of(LatexWriter.Relation.EQUAL)),
          LatexWriter.number(m.oldest()), LatexWriter.number(m.oldestBound()), m.allUnder(),
          LatexWriter.number(m.total()), LatexWriter.number(m.clipped()), m.clips());
    }).toList();
  }

  /** A number already typeset, carried through the emitter unchanged. */
  private static Expr decimal(String typeset) {
    return new Expr.Apply("decimal", List.of(symbol(typeset)));
  }

  /** The bound section's view: the inequality, the two conditions and the clipping rule, in TeX. */
  public LessonView.BoundView bound(BoundInput in) {
    String jacobian = in.jacobian().map(tex::write).orElse("");
    Expr w = new Expr.Symbol(in.matrix(), Optional.empty(), Expr.Role.PARAMETER);
    if (in.gain().isEmpty()) {
      return new LessonView.BoundView(false, in.reach(), jacobian, in.activation(), in.definition(), "", "",
          "", "", "", "", "", "", tex.write(w), symbols(in, w), in.measure());
    }
    Gain g = in.gain().get();
    Expr gamma = symbol("gamma");
    Expr sigma = new Expr.Apply("sigmamax", List.of(w));
    Expr value = number(g.exact(), g.value());
    Expr inverse = inverse(g.exact(), g.value());
    Expr oneOverGamma = new Expr.Apply("frac", List.of(new Expr.Num(1), gamma));
    Expr jacobianNorm = new Expr.Apply("norm", List.of(new Expr.Partial(
        Expr.Symbol.at(in.state(), Time.t(0), Expr.Role.STATE), Expr.Symbol.at(in.state(), Recurrence.K, Expr.Role.STATE))));
    Expr reach = new Expr.Sum(List.of(symbol("t"), new Expr.Negate(symbol("k"))));
    Expr gain = Expr.juxtapose(List.of(gamma, sigma));
    Expr power = new Expr.Apply("pow", List.of(gain, reach));
    Expr grad = symbol("g");
    Expr c = symbol("c");
    Expr gradNorm = new Expr.Apply("norm", List.of(grad));
    String argument = !g.attained() ? ""
        : g.argument().equals("any z") ? "any"
        : tex.equation(symbol(in.variable()), number(g.argument(), Double.NaN));
    return new LessonView.BoundView(true, in.reach(), jacobian, in.activation(), in.definition(),
        tex.equation(gamma, value),
        argument,
        tex.write(gain),
        tex.relations(List.of(jacobianNorm, power), List.of(LatexWriter.Relation.LESS_EQUAL)),
        tex.relations(List.of(sigma, oneOverGamma, inverse), List.of(LatexWriter.Relation.LESS, LatexWriter.Relation.EQUAL)),
        tex.relations(List.of(sigma, oneOverGamma, inverse),
            List.of(LatexWriter.Relation.GREATER, LatexWriter.Relation.EQUAL)),
        tex.relations(List.of(gradNorm, c), List.of(LatexWriter.Relation.GREATER)),
        tex.write(Expr.juxtapose(List.of(new Expr.Apply("frac", List.of(c, gradNorm)), grad))),
        tex.write(w), symbols(in, w), in.measure());
  }

  private LessonView.Symbols symbols(BoundInput in, Expr w) {
    Expr gamma = symbol("gamma");
    Expr sigma = new Expr.Apply("sigmamax", List.of(w));
    Expr z = symbol(in.variable());
    return new LessonView.Symbols(tex.write(gamma), tex.write(sigma),
        tex.write(new Expr.Apply("abs", List.of(new Expr.Apply("fprime", List.of(z))))), tex.write(z),
        tex.write(new Expr.Apply("pow", List.of(Expr.juxtapose(List.of(gamma, sigma)), symbol("j")))),
        tex.write(symbol("t")), tex.write(symbol("k")), tex.write(symbol("j")), tex.write(symbol("c")),
        tex.write(symbol("g")));
  }

  private static Expr symbol(String name) {
    return new Expr.Symbol(name, Optional.empty(), Expr.Role.INTERMEDIATE);
  }

  /** Symja's exact number as an expression: a whole number, a fraction p/q, or else its decimal value. */
  private static Expr number(String exact, double value) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?\\d+)(?:/(\\d+))?").matcher(exact.strip());
    if (m.matches()) {
      Expr p = new Expr.Num(Long.parseLong(m.group(1)));
      return m.group(2) == null ? p : new Expr.Apply("frac", List.of(p, new Expr.Num(Long.parseLong(m.group(2)))));
    }
    return new Expr.Apply("decimal", List.of(symbol(Double.isNaN(value) ? exact.strip() : decimal(value))));
  }

  /** 1 over Symja's exact number: q/p for p/q, else the decimal value of 1/value. */
  private static Expr inverse(String exact, double value) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(?:/(\\d+))?").matcher(exact.strip());
    if (m.matches() && !m.group(1).equals("0")) {
      long p = Long.parseLong(m.group(1));
      long q = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
      return p == 1 ? new Expr.Num(q) : new Expr.Apply("frac", List.of(new Expr.Num(q), new Expr.Num(p)));
    }
    return new Expr.Apply("decimal", List.of(symbol(decimal(1 / value))));
  }

  private static String decimal(double x) {
    return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
