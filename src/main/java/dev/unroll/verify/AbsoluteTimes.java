package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage numbers an author writes instead of a time variable: {@code E_3}, {@code s_{-1}},
 * {@code h^{(4)}}, {@code a^{<3>}}, and the last stage {@code h_T}. The reader keeps such a subscript
 * as part of the name ({@code E_3}); here a name whose stem is one of the network's values at a stage
 * becomes that value at a stage number, {@link #NUMBER} with the number as its offset, or at
 * {@link #LAST} for {@code T}. {@link StageFrame} maps those to the engine's stages: number n is the
 * document's first stage plus n minus the document's first stage number ({@link #base}).
 */
final class AbsoluteTimes {
  /** The time variable of a stage number; no subscript the reader knows is this letter. */
  static final String NUMBER = "a";
  /** The time variable of the last stage ({@code T}, {@code \tau}), offset as written ({@code T-1}). */
  static final String LAST = "z";

  private static final Pattern NUMBERED = Pattern.compile("(.+)_\\{?(-?\\d{1,3}|T|\\\\tau|T_x|T_\\{x\\})\\}?");

  private AbsoluteTimes() {}

  /** {@code e} with every numbered value ({@code s_3}, {@code h_T}) at its stage number. */
  static Expr read(Expr e, Notation notation) {
    return read(e, notation, java.util.Set.of());
  }

  /** The same, also for names the document defines at a stage of its own ({@code \delta_3 = ...}). */
  static Expr read(Expr e, Notation notation, java.util.Set<String> defined) {
    return Rewrite.bottomUp(e, x -> x instanceof Expr.Symbol s ? numbered(s, notation, defined).orElse(s) : x);
  }

  /** A numbered name as the name at its stage number, whatever the name ({@code \delta_3}); empty if not numbered. */
  static Optional<Expr.Symbol> numberedName(Expr.Symbol s) {
    Matcher m = NUMBERED.matcher(s.name());
    if (s.time().isPresent() || !m.matches()) {
      return Optional.empty();
    }
    // as a subscript time is read: the role of a value at a stage
    return Optional.of(new Expr.Symbol(m.group(1), Optional.of(time(m.group(2))), Expr.Role.INTERMEDIATE));
  }

  private static Time time(String n) {
    return Character.isDigit(n.charAt(n.length() - 1)) ? new Time(NUMBER, Integer.parseInt(n)) : new Time(LAST, 0);
  }

  private static final Pattern SPELLED = Pattern.compile("(?<=[{=])([az])(?:([+-])(\\d+))?(?=})");

  /**
   * LaTeX written for a stage-numbered claim, with its stage numbers as numbers: {@code E_{a+3}} is
   * {@code E_{3}}, {@code \sum_{k=a+1}^{a+4}} is {@code \sum_{k=1}^{4}}, {@code h_{z-1}} is {@code h_{T-1}}.
   */
  static String spell(String tex) {
    Matcher m = SPELLED.matcher(tex);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      int offset = m.group(2) == null ? 0 : Integer.parseInt(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
      String r = m.group(1).equals(NUMBER) ? Integer.toString(offset)
          : "T" + (offset == 0 ? "" : (offset > 0 ? "+" : "-") + Math.abs(offset));
      m.appendReplacement(b, Matcher.quoteReplacement(r));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Whether {@code e} names a value at a stage number or at the last stage. */
  static boolean any(Expr e) {
    boolean[] found = {false};
    Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Symbol s && s.time().map(t -> t.variable().equals(NUMBER) || t.variable().equals(LAST))
          .orElse(false)) {
        found[0] = true;
      }
      return x;
    });
    return found[0];
  }

  private static Optional<Expr.Symbol> numbered(Expr.Symbol s, Notation notation, java.util.Set<String> defined) {
    return numberedName(s).filter(t -> defined.contains(t.name())
        || notation.resolve(new Expr.Symbol(t.name(), Optional.of(Time.t(0)), s.role())).isPresent());
  }

  /**
   * The document's first stage number: one after the initial state it numbers ({@code s_{-1} = 0}
   * makes it 0, {@code h_0 = 0} makes it 1), else the lowest number it gives an input, output or loss
   * ({@code x_0}), else 1.
   */
  static int base(List<Expr> sides, Notation notation, java.util.function.Predicate<String> isState) {
    OptionalInt state = OptionalInt.empty();
    OptionalInt other = OptionalInt.empty();
    for (Expr side : sides) {
      for (Expr.Symbol s : numbers(read(side, notation))) {
        int n = s.time().orElseThrow().offset();
        String cell = notation.resolve(new Expr.Symbol(s.name(), Optional.of(Time.t(0)), s.role())).map(Expr.Symbol::name)
            .orElse("");
        if (isState.test(cell)) {
          state = OptionalInt.of(Math.min(state.orElse(n), n));
        } else {
          other = OptionalInt.of(Math.min(other.orElse(n), n));
        }
      }
    }
    int first = Math.min(state.isPresent() ? state.getAsInt() + 1 : 1, other.isPresent() ? other.getAsInt() : 1);
    return Math.max(0, Math.min(1, first));
  }

  /** The highest stage number the document writes on a value or as a sum's upper limit, if any. */
  static OptionalInt last(List<Expr> sides, Notation notation) {
    int[] out = {Integer.MIN_VALUE};
    for (Expr side : sides) {
      for (Expr.Symbol s : numbers(read(side, notation))) {
        out[0] = Math.max(out[0], s.time().orElseThrow().offset());
      }
      Rewrite.bottomUp(side, x -> {
        if (x instanceof Expr.Apply a && (a.function().equals("sum") || a.function().equals("prod"))
            && a.arguments().size() == 3 && a.arguments().get(1) instanceof Expr.Num n && n.value() < 1000) {
          out[0] = Math.max(out[0], (int) n.value());
        }
        return x;
      });
    }
    return out[0] == Integer.MIN_VALUE ? OptionalInt.empty() : OptionalInt.of(out[0]);
  }

  /**
   * The same, and the sequence length the text declares as the Deep Learning book does ({@code \tau = 4}
   * with {@code t = 1, \dots, \tau}): its last stage is that number, whatever the document numbers below it.
   */
  static OptionalInt last(List<Expr> sides, Notation notation, List<Statement> statements) {
    OptionalInt written = last(sides, notation);
    for (Statement s : statements) {
      if (s.isEquation() && s.sides().size() == 2 && s.sides().get(0) instanceof Expr.Symbol tau
          && tau.name().equals("\\tau") && tau.time().isEmpty() && s.sides().get(1) instanceof Expr.Num n
          && n.value() >= 1 && n.value() < 1000) {
        return OptionalInt.of(Math.max(written.orElse(0), (int) n.value()));
      }
    }
    return written;
  }

  private static List<Expr.Symbol> numbers(Expr e) {
    List<Expr.Symbol> out = new java.util.ArrayList<>();
    Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Symbol s && s.time().map(t -> t.variable().equals(NUMBER)).orElse(false)) {
        out.add(s);
      }
      return x;
    });
    return out;
  }
}
