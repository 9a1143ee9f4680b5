package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the times an author writes in one claim map to the stages of the engine's unrolled network
 * (newest stage {@code t+1}). The loss's subscript anchors its variable: {@code E_{t+1}} is the
 * newest stage, so with {@code E_t} every {@code t} moves up by one. Every other time variable
 * ({@code k} in an equation "at a general stage k", every variable when the loss is the total
 * {@code E}) is free and is set to each stage in turn. {@code \sum} and {@code \prod} with limits are
 * expanded over their range: a limit in a time variable maps like any time, a number is a stage
 * number (counted from 1, or from 0 when the lower limit is 0), a capital ({@code T}) the last stage.
 *
 * <p>Also turns the author's spelling into the cell's ({@link Notation#toCell}), and puts the file's
 * own definitions ({@code \delta_k = ...}) in place of the names they define; a symbol the notation
 * does not know stays as written, and evaluating it then fails.
 */
final class StageFrame {
  /** How deep one defined name may stand on others ({@code \delta_k} on {@code \delta_{k+1}} ...). */
  private static final int MAX_DEFINITION_DEPTH = 200;

  private final Notation notation;
  private final Optional<String> anchor;
  private final int shift;
  private final Map<String, List<Definition>> definitions;
  private final boolean ascending;

  /**
   * A name the file defines by an equation of its own, such as {@code \delta_{t+1} = ...} and
   * {@code \delta_k = \operatorname{diag}(1 - s_k^2) W^\top \delta_{k+1}}: where a claim uses it, its
   * definition stands in.
   */
  record Definition(Expr.Symbol name, Expr value) {}

  /** @param loss the claim's loss as written ({@code E_{t+1}}, {@code E_t} or {@code E}) */
  StageFrame(Notation notation, Expr.Symbol loss) {
    this(notation, loss, List.of());
  }

  StageFrame(Notation notation, Expr.Symbol loss, List<Definition> definitions) {
    this(notation, loss, definitions, false, OptionalInt.empty());
  }

  /**
   * @param base the document's first stage number, when it numbers stages ({@code s_{-1} = 0} makes it
   *     0): a stage number n is then the first stage plus n minus it
   */
  StageFrame(Notation notation, Expr.Symbol loss, List<Definition> definitions, OptionalInt base) {
    this(notation, loss, definitions, false, base);
  }

  private StageFrame(Notation notation, Expr.Symbol loss, List<Definition> definitions, boolean ascending, OptionalInt base) {
    this.ascending = ascending;
    this.base = base;
    this.notation = notation;
    this.anchor = loss.time().map(Time::variable);
    this.shift = loss.time().map(t -> 1 - t.offset()).orElse(0);
    Map<String, List<Definition>> byName = new HashMap<>();
    definitions.forEach(d -> byName.computeIfAbsent(d.name().name(), k -> new ArrayList<>()).add(d));
    this.definitions = byName;
    this.loss = loss;
    this.written = List.copyOf(definitions);
  }

  private final Expr.Symbol loss;
  private final List<Definition> written;
  private final OptionalInt base;

  /**
   * The same frame with every {@code \prod} of matrices read with its lowest index leftmost. A product
   * of one-step Jacobians is written with the latest step on the left ({@code \prod_{j=k+1}^{t}
   * \partial h_j/\partial h_{j-1}}, the chain rule's order and the default here); a product of their
   * transposes carries a gradient back and is written the other way round ({@code \prod_{j=k+1}^{t}
   * W^\top \operatorname{diag}(...)} ahead of {@code \partial E/\partial h_t}). The notation does not
   * say which, so a claim may be read either way.
   */
  StageFrame ascendingProducts() {
    return new StageFrame(notation, loss, written, true, base);
  }

  /** Whether products are read with their lowest index leftmost. */
  boolean ascending() {
    return ascending;
  }

  /** Whether the loss's subscript names the stages ({@code E_{t+1}}), rather than the loss being the total. */
  boolean anchored() {
    return anchor.isPresent();
  }

  boolean isAnchor(String variable) {
    return anchor.equals(Optional.of(variable));
  }

  /** The time variables that are neither the anchor nor the index of a sum or product. */
  Set<String> free(Expr e) {
    Set<String> out = new TreeSet<>();
    collect(cell(e), new TreeSet<>(), out);
    anchor.ifPresent(out::remove);
    out.remove(AbsoluteTimes.NUMBER);
    out.remove(AbsoluteTimes.LAST);
    return out;
  }

  /**
   * How many stages the claim names: the oldest anchored time it writes, counted back from the newest
   * stage, and the largest stage number a sum's limits write.
   */
  OptionalInt reach(Expr e) {
    List<Integer> counts = new ArrayList<>();
    Rewrite.bottomUp(cell(e), x -> {
      if (x instanceof Expr.Symbol s && s.time().isPresent() && isAnchor(s.time().get().variable())) {
        counts.add(2 - (s.time().get().offset() + shift));
      } else if (x instanceof Expr.Symbol s && s.time().isPresent() && s.time().get().variable().equals(AbsoluteTimes.NUMBER)) {
        counts.add(s.time().get().offset() - base.orElse(1) + 1);
      }
      if (x instanceof Expr.Apply a && isSeries(a)) {
        int base = this.base.orElse(base(a));
        for (int i = 0; i < 2; i++) {
          limit(a.arguments().get(i), i == 0).ifPresent(l -> {
            l.time().filter(t -> isAnchor(t.variable())).ifPresent(t -> counts.add(2 - (t.offset() + shift)));
            l.number().ifPresent(n -> counts.add(n - base + 1));
          });
        }
      }
      return x;
    });
    if (isAnchor(AbsoluteTimes.NUMBER) && !counts.isEmpty()) {
      // E_3 with stages numbered from 0: the network starts at the document's first stage.
      counts.add(2 - (base.orElse(1) + shift));
    }
    return counts.stream().mapToInt(Integer::intValue).max();
  }

  /**
   * Whether some sum's limits fix the number of stages: a lower limit in the anchor's frame
   * ({@code k = t-1}) or an upper limit that is a stage number ({@code k = 1} to {@code 3}).
   */
  boolean limitsFixStages(Expr e) {
    boolean[] found = {false};
    Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Apply a && isSeries(a)) {
        limit(a.arguments().get(0), true).flatMap(Limit::time).filter(t -> isAnchor(t.variable()))
            .ifPresent(t -> found[0] = true);
        limit(a.arguments().get(1), false).flatMap(l -> l.number().isPresent() ? Optional.of(l) : Optional.empty())
            .ifPresent(l -> found[0] = true);
      }
      return x;
    });
    return found[0];
  }

  /** The author's expression in the cell's names, times moved to the engine's, free variables set, series expanded. */
  Expr engine(Expr e, Map<String, Time> values, Time first, Time last) {
    return engine(e, values, first, last, 0);
  }

  private Expr engine(Expr e, Map<String, Time> values, Time first, Time last, int depth) {
    Expr expanded = expand(cell(e), values, first, last);
    if (definitions.isEmpty()) {
      return expanded;
    }
    return zeros(Rewrite.bottomUp(expanded, x -> x instanceof Expr.Symbol s && s.time().isPresent()
        && definitions.containsKey(s.name()) ? defined(s, first, last, depth) : x));
  }

  /** Products with a zero factor are zero, and zero terms drop out of a sum: exact, and no stage is read for them. */
  private static Expr zeros(Expr e) {
    return Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Product p && p.factors().stream().anyMatch(StageFrame::zero)
          || x instanceof Expr.Hadamard h && (zero(h.left()) || zero(h.right()))
          || x instanceof Expr.Negate n && zero(n.operand()) || x instanceof Expr.Transpose t && zero(t.operand())) {
        return new Expr.Num(0);
      }
      if (x instanceof Expr.Sum s && s.terms().stream().anyMatch(StageFrame::zero)) {
        List<Expr> rest = s.terms().stream().filter(t -> !zero(t)).toList();
        return rest.isEmpty() ? new Expr.Num(0) : Expr.sum(rest);
      }
      return x;
    });
  }

  private static boolean zero(Expr e) {
    return e instanceof Expr.Num n && n.value() == 0;
  }

  /**
   * A defined name at an engine stage, replaced by its definition: the one written for exactly that
   * stage ({@code \delta_{t+1} = ...}) if there is one, else the general one ({@code \delta_k = ...})
   * with its variable set to the stage.
   */
  private Expr defined(Expr.Symbol s, Time first, Time last, int depth) {
    if (depth > MAX_DEFINITION_DEPTH) {
      throw new IllegalArgumentException(WrittenTex.of(new Expr.Symbol(s.name(), Optional.empty(), s.role()))
          + " is defined in terms of itself without end");
    }
    Time at = s.time().orElseThrow();
    if (at.offset() > last.offset()) {
      // A recursion's name past the newest stage (delta_{T+1}) is zero, as every such derivation sets it.
      return new Expr.Num(0);
    }
    for (Definition d : definitions.get(s.name())) {
      Time written = d.name().time().orElseThrow();
      if ((isAnchor(written.variable()) || fixed(written)) && stage(written, Map.of(), first, last).equals(at)) {
        return engine(d.value(), Map.of(), first, last, depth + 1);
      }
    }
    for (Definition d : definitions.get(s.name())) {
      Time written = d.name().time().orElseThrow();
      if (!isAnchor(written.variable()) && !fixed(written)) {
        return engine(d.value(), Map.of(written.variable(), at.plus(-written.offset())), first, last, depth + 1);
      }
    }
    throw new NumericWorld.MissingStage(s.name() + " at " + at.spelled());
  }

  /** The author's names and functions as the cell's; times untouched. */
  Expr cell(Expr e) {
    return notation.toCell(e);
  }

  /** An engine time back in the author's frame: the anchor's variable, moved back. */
  Expr author(Expr engine) {
    return Rewrite.retime(engine, Time.t(0), new Time(anchor.orElse("t"), -shift));
  }

  private Expr expand(Expr e, Map<String, Time> values, Time first, Time last) {
    if (e instanceof Expr.Apply a && isSeries(a)) {
      String index = index(a.arguments().get(0)).orElseThrow(() -> new IllegalArgumentException(
          "a \\" + a.function() + " has no index variable written below it"));
      int b = base.orElse(base(a));
      Time from = limit(a.arguments().get(0), true).map(l -> stage(l, values, first, first, last, b)).orElse(first);
      Time to = limit(a.arguments().get(1), false).map(l -> stage(l, values, first, last, last, b)).orElse(last);
      List<Expr> parts = new ArrayList<>();
      for (int o = from.offset(); o <= to.offset(); o++) {
        Map<String, Time> inner = new HashMap<>(values);
        inner.put(index, Time.t(o));
        parts.add(expand(a.arguments().get(2), inner, first, last));
      }
      if (a.function().equals("prod") && !ascending) {
        java.util.Collections.reverse(parts);
      }
      if (parts.isEmpty()) {
        return a.function().equals("sum") ? new Expr.Num(0) : new Expr.Num(1);
      }
      return a.function().equals("sum") ? Expr.sum(parts) : Expr.juxtapose(parts);
    }
    if (e instanceof Expr.Symbol s) {
      return s.time().isPresent() ? s.withTime(stage(s.time().get(), values, first, last)) : s;
    }
    if (e instanceof Expr.Apply a && a.function().equals("pow") && a.arguments().size() == 2) {
      // W^{t-k}: a power whose exponent counts stages, a matrix power once the times are set.
      OptionalInt n = exponent(a.arguments().get(1), values, first, last);
      if (n.isPresent()) {
        if (n.getAsInt() < 0) {
          throw new NumericWorld.MissingStage("a negative power");
        }
        if (n.getAsInt() == 0) {
          return new Expr.Num(1); // the identity, which a product treats as the number 1
        }
        return new Expr.Power(expand(a.arguments().get(0), values, first, last), n.getAsInt());
      }
    }
    return Rewrite.children(e, x -> expand(x, values, first, last));
  }

  /** A whole-number exponent written in time variables ({@code t-k}, {@code T-k-1}), at these stages. */
  private OptionalInt exponent(Expr e, Map<String, Time> values, Time first, Time last) {
    if (e instanceof Expr.Num n) {
      return OptionalInt.of((int) n.value());
    }
    if (e instanceof Expr.Negate m) {
      OptionalInt v = exponent(m.operand(), values, first, last);
      return v.isPresent() ? OptionalInt.of(-v.getAsInt()) : v;
    }
    if (e instanceof Expr.Sum s) {
      int total = 0;
      for (Expr t : s.terms()) {
        OptionalInt v = exponent(t, values, first, last);
        if (v.isEmpty()) {
          return v;
        }
        total += v.getAsInt();
      }
      return OptionalInt.of(total);
    }
    if (e instanceof Expr.Symbol s && s.time().isEmpty() && (s.name().equals("T") || isLetter(s.name()))) {
      Time at;
      try {
        at = s.name().equals("T") ? last : stage(new Time(s.name(), 0), values, first, last);
      } catch (IllegalArgumentException x) {
        return OptionalInt.empty();
      }
      // As the author counts: a number written beside it (4 - k) is a stage number too.
      return OptionalInt.of(isAnchor(AbsoluteTimes.NUMBER) ? at.offset() - shift : at.offset() - first.offset() + base.orElse(1));
    }
    return OptionalInt.empty();
  }

  /** A stage number or the last stage, not a variable: it names one stage whatever the reading. */
  private static boolean fixed(Time t) {
    return t.variable().equals(AbsoluteTimes.NUMBER) || t.variable().equals(AbsoluteTimes.LAST);
  }

  private Time stage(Time written, Map<String, Time> values, Time first, Time last) {
    if (anchor.equals(Optional.of(written.variable()))) {
      return Time.t(written.offset() + shift);
    }
    if (written.variable().equals(AbsoluteTimes.LAST)) {
      return last.plus(written.offset());
    }
    if (written.variable().equals(AbsoluteTimes.NUMBER)) {
      return first.plus(written.offset() - base.orElse(1));
    }
    Time v = values.get(written.variable());
    if (v == null) {
      throw new IllegalArgumentException("the time " + written.spelled() + " is not tied to a stage");
    }
    return v.plus(written.offset());
  }

  private static boolean isSeries(Expr.Apply a) {
    return (a.function().equals("sum") || a.function().equals("prod")) && a.arguments().size() == 3;
  }

  /** The index a lower limit names: {@code k} of {@code k=t-1}, or a lone {@code k}. */
  private static Optional<String> index(Expr lower) {
    Expr v = lower instanceof Expr.Apply a && a.function().equals("relation") ? a.arguments().get(0) : lower;
    return v instanceof Expr.Symbol s && s.time().isEmpty() && isLetter(s.name()) ? Optional.of(s.name()) : Optional.empty();
  }

  /**
   * A limit as written: a time ({@code t-1}), a stage number ({@code 1}; counted from 1, or from 0
   * when the lower limit is 0), or neither: the end of the stages ({@code T}, {@code N}).
   */
  private record Limit(Optional<Time> time, OptionalInt number) {}

  /** The limit below ({@code lower}) or above a sum or product; empty when none is written. */
  private static Optional<Limit> limit(Expr written, boolean lower) {
    Expr v;
    if (written instanceof Expr.Apply a && a.function().equals("relation")) {
      v = a.arguments().get(1);
    } else if (written instanceof Expr.Apply a && a.function().equals("empty") || lower && index(written).isPresent()) {
      return Optional.empty();
    } else {
      v = written;
    }
    if (v instanceof Expr.Symbol s && s.time().isEmpty() && isLetter(s.name())) {
      return Optional.of(new Limit(Optional.of(new Time(s.name(), 0)), OptionalInt.empty()));
    }
    if (v instanceof Expr.Sum s && s.terms().size() == 2 && s.terms().get(0) instanceof Expr.Symbol x
        && x.time().isEmpty() && isLetter(x.name())) {
      OptionalInt n = number(s.terms().get(1));
      if (n.isPresent()) {
        return Optional.of(new Limit(Optional.of(new Time(x.name(), n.getAsInt())), OptionalInt.empty()));
      }
    }
    return Optional.of(new Limit(Optional.empty(), number(v)));
  }

  /** 0 when the sum's lower limit is the number 0, else 1: what its stage numbers count from. */
  private static int base(Expr.Apply series) {
    return limit(series.arguments().get(0), true).flatMap(l -> l.number().isPresent() ? Optional.of(l.number().getAsInt())
        : Optional.empty()).filter(n -> n == 0).map(n -> 0).orElse(1);
  }

  /** The stage a limit names; {@code end} for a capital such as {@code T}. */
  private Time stage(Limit l, Map<String, Time> values, Time first, Time end, Time last, int base) {
    if (l.time().isPresent()) {
      return stage(l.time().get(), values, first, last);
    }
    if (l.number().isPresent() && isAnchor(AbsoluteTimes.NUMBER)) {
      return Time.t(l.number().getAsInt() + shift);
    }
    return l.number().isPresent() ? first.plus(l.number().getAsInt() - base) : end;
  }

  private static OptionalInt number(Expr e) {
    if (e instanceof Expr.Num n) {
      return OptionalInt.of((int) n.value());
    }
    if (e instanceof Expr.Negate m && m.operand() instanceof Expr.Num n) {
      return OptionalInt.of((int) -n.value());
    }
    return OptionalInt.empty();
  }

  private static boolean isLetter(String name) {
    return name.length() == 1 && name.charAt(0) >= 'a' && name.charAt(0) <= 'z';
  }

  private void collect(Expr e, Set<String> bound, Set<String> out) {
    if (e instanceof Expr.Apply a && isSeries(a)) {
      for (int i = 0; i < 2; i++) {
        limit(a.arguments().get(i), i == 0).flatMap(Limit::time).map(Time::variable).filter(v -> !bound.contains(v))
            .ifPresent(out::add);
      }
      Set<String> inner = new TreeSet<>(bound);
      index(a.arguments().get(0)).ifPresent(inner::add);
      collect(a.arguments().get(2), inner, out);
      return;
    }
    if (e instanceof Expr.Symbol s) {
      s.time().map(Time::variable).filter(v -> !bound.contains(v)).ifPresent(out::add);
      return;
    }
    for (Expr c : Subexpressions.children(e)) {
      collect(c, bound, out);
    }
  }
}
