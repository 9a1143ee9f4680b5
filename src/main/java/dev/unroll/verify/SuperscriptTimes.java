package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document that writes time as a superscript ({@code h^t = \tanh(W_{hh} h^{t-1} + W_{xh} x^t)})
 * means {@code h^3} as the state at time 3, not a cube. {@link TexParser} reads one span at a time and
 * takes a whole-number superscript as a power; this pass decides from the whole document: when some
 * value is written with a superscript time and its predecessor ({@code h^{t-1}}, {@code s^{t+1}}), every
 * name the document writes with a superscript time ({@code h^t}, {@code C^t}, {@code D^t}) has its
 * whole-number superscripts read as stage numbers, {@code h^3} as {@code h_3}, and a capital's superscript
 * time read as a time ({@code C^t}, {@code D^t}; the parser times only a small letter's). A capital counts
 * only where the text defines it at a time or differentiates it ({@code \partial J^2}), since {@code W^{t}} may
 * be a matrix power; any single small letter's number is a stage ({@code y^2} beside {@code s^2});
 * and only a small letter's {@code h^{t-1}} says the document writes time this way. A square is then written
 * {@code (h^t)^2}, as such documents do; a name never given a superscript time keeps its powers.
 */
final class SuperscriptTimes {
  /** A name with a superscript time: {@code h^t}, {@code x^{t}}, {@code h^{t-1}}, {@code \delta^{k+1}}. */
  private static final Pattern TIMED = Pattern.compile("(?<![A-Za-z\\\\])(\\\\?[A-Za-z]+)\\s*\\^\\s*(?:\\{\\s*(t|k)\\s*([+-]\\s*\\d)?\\s*\\}|(t|k)(?![A-Za-z0-9]))");

  /** A capital differentiated at a stage number: {@code \partial J^2}, the loss at step 2. */
  private static final Pattern DIFFERENTIATED = Pattern.compile("\\\\partial\\s*([A-Z])\\s*\\^\\s*\\{?\\s*\\d");

  private final Set<String> names = new TreeSet<>();
  /** Whether every small letter's whole-number superscript is a stage ({@code y^2} as well as {@code s^2}). */
  private boolean lowercase;

  /** @param tex the TeX of every math span of the document */
  SuperscriptTimes(List<String> tex) {
    Set<String> timed = new TreeSet<>();
    boolean recurrence = false;
    for (String t : tex) {
      Matcher m = TIMED.matcher(t);
      while (m.find()) {
        String name = m.group(1).startsWith("\\") ? m.group(1) : m.group(1).substring(m.group(1).length() - 1);
        boolean lower = !Character.isUpperCase(name.charAt(0));
        // a capital with a superscript may be a matrix power (W^{t}); it is a value only where the
        // text defines it at a time (D^t = ...) or differentiates it (\partial C^t)
        String after = t.substring(m.end()).stripLeading();
        String before = t.substring(0, m.start(1)).stripTrailing();
        if (lower || after.startsWith("=") || before.endsWith("\\partial")) {
          timed.add(name);
        }
        recurrence |= lower && m.group(3) != null;
      }
    }
    if (recurrence) {
      names.addAll(timed);
      for (String t : tex) {
        Matcher d = DIFFERENTIATED.matcher(t);
        while (d.find()) {
          names.add(d.group(1));
        }
      }
    }
    this.lowercase = recurrence;
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /** The span's statements with {@code h^3} read as {@code h} at stage 3; the span itself when nothing changes. */
  ParsedMath apply(ParsedMath parsed) {
    return parsed.withSides((s, k, side) -> uses(side) ? Rewrite.bottomUp(side, this::stage) : side);
  }

  private boolean uses(Expr e) {
    boolean[] found = {false};
    Rewrite.bottomUp(e, x -> {
      found[0] |= stage(x) != x;
      return x;
    });
    return found[0];
  }

  /** A superscript read as a time: {@code t}, {@code k}, {@code t+1}, {@code t-1}. */
  private static Optional<Time> time(Expr e) {
    if (e instanceof Expr.Symbol v && v.time().isEmpty() && (v.name().equals("t") || v.name().equals("k"))) {
      return Optional.of(new Time(v.name(), 0));
    }
    if (e instanceof Expr.Sum sum && sum.terms().size() == 2) {
      Optional<Time> base = time(sum.terms().get(0));
      Expr o = sum.terms().get(1);
      if (base.isPresent() && o instanceof Expr.Num n) {
        return Optional.of(base.get().plus((int) n.value()));
      }
      if (base.isPresent() && o instanceof Expr.Negate m && m.operand() instanceof Expr.Num n) {
        return Optional.of(base.get().plus((int) -n.value()));
      }
    }
    return Optional.empty();
  }

  /** {@code h^3} as the stage-numbered {@code h_3}, as the parser names {@code h^{(3)}}. */
  private Expr stage(Expr e) {
    if (e instanceof Expr.Power p && p.exponent() >= 0 && p.base() instanceof Expr.Symbol s && s.time().isEmpty()
        && (names.contains(s.name()) || lowercase && s.name().length() == 1 && Character.isLowerCase(s.name().charAt(0)))) {
      return new Expr.Symbol(s.name() + "_" + p.exponent(), Optional.empty(), s.role());
    }
    if (e instanceof Expr.Apply a && a.function().equals("pow") && a.arguments().size() == 2
        && a.arguments().get(0) instanceof Expr.Symbol s && s.time().isEmpty() && names.contains(s.name())) {
      // C^t, D^{t+1}: the parser times a superscript on a small letter only
      return time(a.arguments().get(1)).<Expr>map(t -> new Expr.Symbol(s.name(), Optional.of(t), Expr.Role.INTERMEDIATE))
          .orElse(e);
    }
    return e;
  }
}
