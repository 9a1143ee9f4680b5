package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Bounds on the size of a Jacobian across stages, written as mathematics: {@code \|\partial s_t/\partial
 * s_k\|_2 \le \rho(W)^{t-k}}, {@code \le (\gamma \|W\|)^{t-k}}, {@code \le \|W\|^{t-k}}, judged in the
 * document's own network ({@link AuthorNetwork}).
 *
 * <p>What is <em>searched</em>: a bound is false when an instance of the author's own network violates
 * it. The left side (the network's Jacobian, by finite differences over its whole forward pass) and the
 * right side ({@code \rho} the largest eigenvalue modulus, a matrix norm the largest singular value or,
 * where the document writes {@code _F}, the Frobenius norm) are evaluated at every pair of stages, in
 * {@link #INSTANCES} seeded instances whose weights are drawn at each of the scales {@link #SCALES}
 * (small weights keep a saturating activation near its linear regime, where its derivative is largest).
 * A violation beyond rounding is a counterexample and the bound is wrong; it is reported with the
 * instance, the stages and both values. Finding none is not a proof, so it confirms nothing.
 *
 * <p>What is <em>proved</em>: for a simple recurrence {@code s_t = f(W s_{t-1} + ...)} (directly or through
 * one named pre-activation), {@code \partial s_t/\partial s_k} is a product of {@code t-k} factors
 * {@code diag(f'(a_j)) W}; the spectral norm is submultiplicative and {@code \|diag(f')\|_2 = \max |f'|},
 * with {@code |\tanh'| \le 1}, {@code |\sigma'| \le 1/4}, the identity's and ReLU's at most 1. So
 * {@code \|\partial s_t/\partial s_k\|_2 \le (\gamma \|W\|_2)^{t-k}} for any {@code \gamma \ge \max|f'|}
 * (and with Frobenius norms, since {@code \|AB\|_F \le \|A\|_2 \|B\|_F}). A bound is confirmed only when
 * its right side is read as exactly that: the {@code (t-k)}-th power of a constant times the norm of the
 * recurrent weight, the constant at least the activation's bound; and no instance violated it. The
 * spectral radius never proves a bound: {@code \|W^n\|_2 \ge \rho(W)^n}, strictly for a non-normal W.
 *
 * <p>A symbol such as {@code \gamma} is read as the smallest value the document allows it: a number it is
 * set to, or, where the document bounds the activation's derivative by it ({@code |f'(z)| \le \gamma}),
 * that derivative's maximum. Anything else on the right side leaves the bound not judged.
 */
final class NormBounds {
  static final int INSTANCES = 4;
  /** The most settings of the stage letters evaluated per instance. */
  static final int MAX_READINGS = 36;
  static final double[] SCALES = {0.25, 0.6, 1.0, 1.8, 3.0};
  /** How far the left side may exceed the right before it is a counterexample, relative and absolute. */
  private static final double SLACK = 1e-5;

  private static final java.util.regex.Pattern RELATION = java.util.regex.Pattern.compile("\\\\leq?(?![a-zA-Z])|<");

  private final AuthorNetwork network;
  private final List<Statement> all;
  private final Recurrence recurrence;

  NormBounds(AuthorNetwork network, List<Statement> all) {
    this.network = network;
    this.all = all;
    this.recurrence = Recurrence.of(network).orElse(null);
  }

  /** The decisions about the displayed norm bounds; none for a span that holds none, or one this cannot read. */
  List<AuthorClaims.Decision> judge(List<AuthorClaims.Item> items) {
    List<AuthorClaims.Decision> out = new ArrayList<>();
    for (AuthorClaims.Item item : items) {
      Statement s = item.statement();
      if (!s.inequality() || s.sides().size() != 2 || !Set.of("le", "leq", "<").contains(s.relation())
          || !(s.sides().get(0) instanceof Expr.Apply n) || !n.function().equals("norm") || n.arguments().size() != 1
          || !(n.arguments().get(0) instanceof Expr.Partial jacobian)) {
        continue;
      }
      Position at = item.span().position(item.parsed().offset(s.sides().get(0), s.offset()));
      boolean frobenius = item.span().tex().contains("_F") || item.span().tex().contains("_{F}");
      try {
        judge(jacobian, s.sides().get(1), frobenius, at, item.span().tex()).ifPresent(d -> out.add(
            new AuthorClaims.Decision(item.span(), d.holds(), d.finding(), network.size == 1)));
      } catch (AuthorFormula.Unreadable | AuthorNetwork.Missing | ArithmeticException e) {
        // a side this cannot evaluate: the bound is left not judged
      } finally {
        network.instance = 0;
        network.weightScale = 1;
      }
    }
    return out;
  }

  private record Verdict(boolean holds, Finding finding) {}

  private Optional<Verdict> judge(Expr.Partial jacobian, Expr bound, boolean frobenius, Position at, String tex) {
    Set<String> letters = new LinkedHashSet<>();
    timeLetters(jacobian, letters);
    if (letters.isEmpty() || letters.size() > 2) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>(letters);
    int checked = 0;
    for (int instance = 1; instance <= INSTANCES; instance++) {
      for (double scale : SCALES) {
        network.instance = instance;
        network.weightScale = scale;
        AdHocDeltas deltas = new AdHocDeltas(network, all);
        for (Map<String, Integer> reading : readings(names)) {
          AuthorFormula f = new AuthorFormula(deltas.base(), deltas, reading, Map.of());
          RealMatrix j;
          try {
            j = f.eval(jacobian);
          } catch (AuthorNetwork.Missing e) {
            continue;
          }
          current = reading;
          double left = norm(j, frobenius);
          double right = value(bound, f, frobenius);
          if (Double.isNaN(right) || Double.isNaN(left)) {
            return Optional.empty();
          }
          checked++;
          if (left > right * (1 + SLACK) + SLACK) {
            return Optional.of(new Verdict(false, Finding.at(at, Severity.ERROR, "this bound is false in the document's"
                + " own network: in a seeded instance (number " + instance + ", weights drawn at " + fmt(scale) + " times the"
                + " usual scale), at " + describe(reading) + ", the left side is " + fmt(left) + " and the right side "
                + fmt(right) + "." + (mentionsRadius(bound) ? " The spectral radius is not a bound on a matrix power's norm:"
                + " \\|W^n\\|_2 \\ge \\rho(W)^n, strictly for a non-normal W; it only gives the rate as n grows." : "")
                + proved().map(p -> " What the network's recurrence guarantees is:").orElse(""), proved().map(p -> p.apply(tex)).orElse(null))));
          }
        }
      }
    }
    if (checked == 0 || recurrence == null || !provedBy(jacobian, bound)) {
      return Optional.empty();
    }
    return Optional.of(new Verdict(true, Finding.at(at, Severity.NOTE, "confirmed: this bound holds: the Jacobian is a "
        + "product of one factor diag(f') " + recurrence.weight() + " per step, the spectral norm is submultiplicative and "
        + "|f'| \\le " + constant(recurrence.derivativeBound()) + " for " + recurrence.activation() + "; no counterexample either in "
        + checked + " readings of " + INSTANCES * SCALES.length + " seeded instances.")));
  }

  /** The right bound, written over the author's left side: {@code (\gamma \|W\|_2)^{t-k}} with the activation's gamma. */
  private Optional<java.util.function.Function<String, String>> proved() {
    if (recurrence == null) {
      return Optional.empty();
    }
    String gamma = recurrence.derivativeBound() == 1 ? "" : constant(recurrence.derivativeBound()) + " ";
    return Optional.of(tex -> {
      java.util.regex.Matcher le = RELATION.matcher(tex);
      String left = le.find() && le.start() > 0 ? tex.substring(0, le.start()).strip() : "\\|\\cdot\\|_2";
      String w = WrittenTex.of(new Expr.Symbol(recurrence.weight(), Optional.empty(), Expr.Role.PARAMETER));
      return left + " \\le " + (gamma.isEmpty() ? "\\|" + w + "\\|_2^{t-k}" : "(" + gamma + "\\|" + w + "\\|_2)^{t-k}");
    });
  }

  /**
   * Whether the right side is {@code (c \|W\|)^{t-k}} (or {@code c^{t-k} \|W\|^{t-k}}) with W the recurrent weight,
   * c a constant at least the activation's derivative bound, and the left side the state's Jacobian across stages.
   */
  private boolean provedBy(Expr.Partial jacobian, Expr bound) {
    if (!(jacobian.of() instanceof Expr.Symbol of) || !(jacobian.by() instanceof Expr.Symbol by)
        || !of.name().equals(recurrence.state()) || !by.name().equals(recurrence.state())
        || of.time().isEmpty() || by.time().isEmpty()) {
      return false;
    }
    Expr steps = dev.unroll.expr.Expr.sum(List.of(new Expr.Symbol(of.time().get().variable(), Optional.empty(),
        Expr.Role.PARAMETER), new Expr.Negate(new Expr.Symbol(by.time().get().variable(), Optional.empty(), Expr.Role.PARAMETER))));
    if (of.time().get().offset() != 0 || by.time().get().offset() != 0) {
      return false;
    }
    List<Expr> factors = new ArrayList<>();
    if (!perStep(bound, steps, factors)) {
      return false;
    }
    int norms = 0;
    double constant = 1;
    for (Expr x : factors) {
      if (x instanceof Expr.Apply n && n.function().equals("norm") && n.arguments().size() == 1
          && n.arguments().get(0) instanceof Expr.Symbol w && w.name().equals(recurrence.weight()) && w.time().isEmpty()) {
        norms++;
      } else {
        double c = constant(x).orElse(Double.NaN);
        if (Double.isNaN(c) || c < 0) {
          return false;
        }
        constant *= c;
      }
    }
    return norms == 1 && constant >= recurrence.derivativeBound() - 1e-12;
  }

  /** The factors of {@code base} when {@code e} is {@code base^{steps}} (a product of such powers multiplies bases). */
  private static boolean perStep(Expr e, Expr steps, List<Expr> factors) {
    if (e instanceof Expr.Apply p && p.function().equals("pow") && p.arguments().size() == 2 && p.arguments().get(1).equals(steps)) {
      Expr base = p.arguments().get(0);
      factors.addAll(base instanceof Expr.Product q ? q.factors() : List.of(base));
      return true;
    }
    if (e instanceof Expr.Product q) {
      for (Expr x : q.factors()) {
        if (!perStep(x, steps, factors)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** A number, or a symbol read as one ({@link #symbolValue}); empty for anything else. */
  private Optional<Double> constant(Expr e) {
    try {
      if (e instanceof Expr.Num || e instanceof Expr.Apply a && (a.arguments().isEmpty() || a.function().equals("frac"))) {
        return Optional.of(value(e, null, false));
      }
      if (e instanceof Expr.Symbol s && s.time().isEmpty()) {
        return symbolValue(s);
      }
    } catch (AuthorFormula.Unreadable ex) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The right side's value in one reading of one instance. */
  private double value(Expr e, AuthorFormula f, boolean frobenius) {
    if (e instanceof Expr.Num n) {
      return n.value();
    }
    if (e instanceof Expr.Negate n) {
      return -value(n.operand(), f, frobenius);
    }
    if (e instanceof Expr.Sum s) {
      double total = 0;
      for (Expr t : s.terms()) {
        total += value(t, f, frobenius);
      }
      return total;
    }
    if (e instanceof Expr.Power p) {
      return Math.pow(value(p.base(), f, frobenius), p.exponent());
    }
    if (e instanceof Expr.Product p) {
      double out = 1;
      List<Expr> xs = p.factors();
      for (int i = 0; i < xs.size(); i++) {
        if (radius(xs.get(i)) && i + 1 < xs.size()) {
          // \rho(W)^{t-k} reads as \rho followed by (W)^{t-k}
          Expr next = xs.get(++i);
          if (next instanceof Expr.Apply q && q.function().equals("pow") && q.arguments().size() == 2) {
            out *= Math.pow(spectralRadius(matrix(q.arguments().get(0), f)), value(q.arguments().get(1), f, frobenius));
          } else if (next instanceof Expr.Power q) {
            out *= Math.pow(spectralRadius(matrix(q.base(), f)), q.exponent());
          } else {
            out *= spectralRadius(matrix(next, f));
          }
        } else {
          out *= value(xs.get(i), f, frobenius);
        }
      }
      return out;
    }
    if (e instanceof Expr.Apply a) {
      List<Expr> args = a.arguments();
      if (args.isEmpty() && a.function().matches("\\d*\\.\\d+|\\d+")) {
        return Double.parseDouble(a.function());
      }
      if (a.function().equals("pow") && args.size() == 2) {
        return Math.pow(value(args.get(0), f, frobenius), value(args.get(1), f, frobenius));
      }
      if (a.function().equals("frac") && args.size() == 2) {
        return value(args.get(0), f, frobenius) / value(args.get(1), f, frobenius);
      }
      if (a.function().equals("norm") && args.size() == 1) {
        return norm(matrix(args.get(0), f), frobenius);
      }
      if (a.function().equals("abs") && args.size() == 1) {
        return Math.abs(value(args.get(0), f, frobenius));
      }
      if (radius(new Expr.Symbol(a.function(), Optional.empty(), Expr.Role.PARAMETER)) && args.size() == 1) {
        return spectralRadius(matrix(args.get(0), f));
      }
      throw new AuthorFormula.Unreadable("the function " + a.function() + " in a bound");
    }
    if (e instanceof Expr.Symbol s && s.time().isEmpty()) {
      Integer stage = f == null ? null : current.get(s.name());
      if (stage != null) {
        return stage;
      }
      Optional<Double> v = symbolValue(s);
      if (v.isPresent()) {
        return v.get();
      }
    }
    throw new AuthorFormula.Unreadable(WrittenTex.of(e) + " in a bound");
  }

  /** The stages the right side's letters ({@code t-k}) are read at: the reading being judged. */
  private Map<String, Integer> current = Map.of();

  /** A symbol of the right side: a number the document sets it to, or the activation's derivative bound it names. */
  private Optional<Double> symbolValue(Expr.Symbol s) {
    Expr set = network.timeless.get(s.name());
    if (set instanceof Expr.Num n) {
      return Optional.of((double) n.value());
    }
    if (set instanceof Expr.Apply a && a.arguments().isEmpty() && a.function().matches("\\d*\\.\\d+")) {
      return Optional.of(Double.parseDouble(a.function()));
    }
    if (recurrence != null && boundsTheDerivative(s)) {
      return Optional.of(recurrence.derivativeBound());
    }
    return Optional.empty();
  }

  /** Whether the document writes {@code |f'(z)| \le \gamma} (or {@code <}): the symbol bounds the activation's derivative. */
  private boolean boundsTheDerivative(Expr.Symbol s) {
    for (Statement st : all) {
      if (st.inequality() && st.sides().size() == 2 && st.sides().get(1).equals(s) && derivativeOfActivation(st.sides().get(0))) {
        return true;
      }
    }
    return false;
  }

  private static boolean derivativeOfActivation(Expr e) {
    return AdHocDeltas.any(e, x -> x instanceof Expr.Apply a && a.function().endsWith("'")
        || x instanceof Expr.Symbol s && s.name().endsWith("'") || x instanceof Expr.Apply p && p.function().equals("prime"));
  }

  private RealMatrix matrix(Expr e, AuthorFormula f) {
    if (f == null) {
      throw new AuthorFormula.Unreadable("a matrix in a constant");
    }
    return f.eval(e);
  }

  private static boolean radius(Expr e) {
    return e instanceof Expr.Symbol s && s.time().isEmpty() && (s.name().equals("\\rho") || s.name().equals("rho"));
  }

  static double spectralRadius(RealMatrix m) {
    if (m.getRowDimension() == 1 && m.getColumnDimension() == 1) {
      return Math.abs(m.getEntry(0, 0));
    }
    double out = 0;
    for (Complex c : new EigenDecompositionNonSymmetric(m).getEigenvalues()) {
      out = Math.max(out, Math.hypot(c.getReal(), c.getImaginary()));
    }
    return out;
  }

  static double norm(RealMatrix m, boolean frobenius) {
    return frobenius || m.getRowDimension() == 1 || m.getColumnDimension() == 1 ? m.getFrobeniusNorm()
        : new SingularValueDecomposition(m).getNorm();
  }

  private static boolean mentionsRadius(Expr e) {
    return AdHocDeltas.any(e, NormBounds::radius) || AdHocDeltas.any(e, x -> x instanceof Expr.Apply a && radius(
        new Expr.Symbol(a.function(), Optional.empty(), Expr.Role.PARAMETER)));
  }

  /** Every setting of the stage letters to stages 1..steps; in a long network an evenly spaced selection within a second. */
  private List<Map<String, Integer>> readings(List<String> names) {
    return Readings.of(names, java.util.stream.IntStream.rangeClosed(1, network.steps).boxed().toList(), MAX_READINGS);
  }

  private static void timeLetters(Expr e, Set<String> out) {
    if (e instanceof Expr.Symbol s && s.time().isPresent()) {
      out.add(s.time().get().variable());
    }
    Subexpressions.children(e).forEach(c -> timeLetters(c, out));
  }

  private static String describe(Map<String, Integer> reading) {
    List<String> parts = new ArrayList<>();
    reading.forEach((k, v) -> parts.add(k + " = " + v));
    return String.join(", ", parts);
  }

  /** The activation's derivative bound as TeX: 1, or \frac{1}{4} for the logistic sigmoid. */
  private static String constant(double v) {
    return v == 0.25 ? "\\frac{1}{4}" : v == 1 ? "1" : fmt(v);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
