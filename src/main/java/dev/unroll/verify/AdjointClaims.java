package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.StatePaths;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hipparchus.linear.RealMatrix;

/**
 * Judges the claims a derivation in adjoint form makes, for any cell: an adjoint
 * ({@code \partial E/\partial c_k = ...}), a parameter's gradient ({@code \partial E/\partial U_f =
 * \sum_k ...}) and a state's one-step Jacobian ({@code \partial c_k/\partial c_{k-1} = ...}). Both
 * sides are evaluated in a {@link NumericWorld} at every stage the claim can be read at (its free time
 * variable set to each stage in turn), so any true identity holds however it is grouped or how many
 * adjoints it substitutes. When a claim fails, the finding says how: a term missing, extra or wrong
 * (matched against the engine's equation term by term), only the share along a state's own path
 * (the product of forget gates, which a lesson may state on purpose when its prose says so), or a
 * Jacobian transposed; and it gives the engine's equation in the author's times.
 */
final class AdjointClaims {
  /** Relative differences below this are agreement: float64 rounding over a few dozen products. */
  static final double TOLERANCE = 1e-9;
  /** Words in the prose before a formula that say it follows one path on purpose. */
  static final Pattern ONE_PATH = Pattern.compile(
      "\\b(own (path|chain)|(path|route|chain|state) alone|along [^.]{0,60}\\bonly|only along|without the (detour|route)s?)\\b",
      Pattern.CASE_INSENSITIVE);

  /** What a left-hand side claims. */
  enum Kind {
    ADJOINT, GRADIENT, STEP,
    /** A Jacobian between two values at any stages: {@code \partial h_t/\partial h_k}, {@code \partial s_t/\partial z_t}. */
    JACOBIAN
  }

  /**
   * A claim read: its kind, the loss as written (a timeless {@code E} for a Jacobian), the value or
   * parameter it is about in the cell's names with the author's time, and whether the left side is
   * transposed ({@code (\partial c_k/\partial c_{k-1})^\top}, the column form).
   */
  /**
   * What differs when the gradient at the softmax's input is written with elementwise products: the
   * softmax's Jacobian is a full matrix ({@code diag(o) - o o^T}), so treating it elementwise loses
   * the other outputs' share.
   */
  private String elementwiseSoftmax(Claim c) {
    boolean logits = cell.equations().stream().anyMatch(e -> e.definition() instanceof Expr.Apply a
        && a.function().equals("softmax") && a.arguments().size() == 1 && a.arguments().get(0) instanceof Expr.Symbol q
        && q.name().equals(c.target().name()));
    return logits && Subexpressions.hasHadamard(c.rhs()) ? ": the softmax's Jacobian is treated elementwise, but it is the full"
        + " matrix diag(o) - o o^T" : "";
  }

  record Claim(Kind kind, Expr.Symbol loss, Expr.Symbol target, boolean transposed, Expr lhs, Expr rhs) {}

  private final Notation notation;
  private final CellDefinition cell;
  private final LocalCalculus calculus;
  private final OptionalInt steps;
  private final List<StageFrame.Definition> definitions;
  private final Map<String, NumericWorld> worlds = new HashMap<>();

  /** @param definitions the names the file defines ({@code \delta_k = ...}), which its claims may use */
  AdjointClaims(Notation notation, CellDefinition cell, LocalCalculus calculus, OptionalInt steps,
      List<StageFrame.Definition> definitions) {
    this(notation, cell, calculus, steps, definitions, OptionalInt.empty(), OptionalInt.empty(), Map.of(), "");
  }

  /**
   * @param base the document's first stage number, when it numbers its stages ({@code E_3}, {@code h_0 = 0})
   * @param numbered how many stages the document's numbers span, when it numbers them
   * @param redefined the cell's values the text writes another equation for, with that equation
   * @param assumed the activation assumed when no equation of the document names one, else empty
   */
  AdjointClaims(Notation notation, CellDefinition cell, LocalCalculus calculus, OptionalInt steps,
      List<StageFrame.Definition> definitions, OptionalInt base, OptionalInt numbered, Map<String, String> redefined,
      String assumed) {
    this.assumed = assumed;
    this.redefined = Map.copyOf(redefined);
    this.notation = notation;
    this.cell = cell;
    this.calculus = calculus;
    this.steps = steps;
    this.base = base;
    this.numbered = numbered;
    java.util.Set<String> names = new java.util.TreeSet<>();
    definitions.forEach(d -> names.add(d.name().name()));
    this.defined = names;
    this.definitions = definitions.stream().map(d -> new StageFrame.Definition(d.name(),
        AbsoluteTimes.read(d.value(), notation, names))).toList();
  }

  private final OptionalInt base;
  private final OptionalInt numbered;
  private final Map<String, String> redefined;
  private final String assumed;
  private final java.util.Set<String> defined;

  /** A side with the stage numbers it writes ({@code E_3}, {@code \delta_3}) read as stages. */
  Expr numbered(Expr side) {
    return AbsoluteTimes.read(side, notation, defined);
  }

  /** The claim a left-hand side makes, if it is one this judge takes. */
  Optional<Claim> read(Expr lhs, Expr rhs) {
    boolean transposed = lhs instanceof Expr.Transpose;
    Expr bare = lhs instanceof Expr.Transpose t ? t.operand() : lhs;
    if (!(bare instanceof Expr.Partial p) || !(p.of() instanceof Expr.Symbol of) || !(p.by() instanceof Expr.Symbol by)) {
      return Optional.empty();
    }
    Optional<Expr.Symbol> o = notation.resolve(of);
    Optional<Expr.Symbol> b = notation.resolve(by);
    if (o.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    Expr.Symbol target = b.get();
    if (o.get().name().equals(cell.loss()) && !transposed) {
      if (target.time().isEmpty() && isParameter(target.name())) {
        return Optional.of(new Claim(Kind.GRADIENT, o.get(), target, false, lhs, rhs));
      }
      if (target.time().isPresent() && cell.equationFor(target.name()).isPresent() && !target.name().equals(cell.loss())) {
        return Optional.of(new Claim(Kind.ADJOINT, o.get(), target, false, lhs, rhs));
      }
      return Optional.empty();
    }
    boolean state = cell.declaration(target.name()).map(d -> d.kind() == Declaration.Kind.STATE).orElse(false);
    if (state && o.get().name().equals(target.name()) && o.get().time().isPresent() && target.time().isPresent()
        && o.get().time().get().equals(target.time().get().plus(1))) {
      return Optional.of(new Claim(Kind.STEP, new Expr.Symbol(cell.loss(), Optional.empty(), Expr.Role.LOSS), o.get(),
          transposed, lhs, rhs));
    }
    if (isValue(o.get()) && isValue(target)) {
      return Optional.of(new Claim(Kind.JACOBIAN, new Expr.Symbol(cell.loss(), Optional.empty(), Expr.Role.LOSS), o.get(),
          transposed, lhs, rhs));
    }
    return Optional.empty();
  }

  /**
   * The findings about one claim.
   *
   * @param where the place of an expression of the claim in the file
   * @param prose the prose just before the formula
   */
  List<Finding> judge(Claim c, Function<Expr, Position> where, String prose) {
    List<Finding> found = judged(c, where, prose);
    if (!assumed.isEmpty() && found.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
      // Shown false in a network whose activation no equation gives: maybe true in the author's.
      Finding first = found.stream().filter(f -> f.severity() == Severity.ERROR).findFirst().orElseThrow();
      found = List.of(first.as(Severity.WARNING, "not judged, since no equation of this document gives its activation"
          + " (" + assumed + " was assumed); judged with it, it would be: " + first.message()));
    }
    if (!AbsoluteTimes.any(c.lhs()) && !AbsoluteTimes.any(c.rhs())) {
      return found;
    }
    return found.stream().map(f -> new Finding(f.line(), f.column(), f.severity(), AbsoluteTimes.spell(f.message()),
        f.correction().map(AbsoluteTimes::spell))).toList();
  }

  private List<Finding> judged(Claim c, Function<Expr, Position> where, String prose) {
    Position at = where.apply(c.lhs());
    for (String v : redefined.keySet()) {
      if (names(c.lhs(), v) || names(c.rhs(), v)) {
        return List.of(Finding.at(at, Severity.WARNING, "not checked: the text writes " + redefined.get(v) + ", which is not"
            + " the " + cell.name() + " cell's " + v + ", so a claim about it is not judged on the cell."));
      }
    }
    List<Reading> readings = new ArrayList<>();
    for (StageFrame frame : frames(c)) {
      Reading r = evaluate(c, frame, at, stages(c, frame));
      for (int fewer : r.holds() ? List.<Integer>of() : fewerStages(c, frame)) {
        Reading shorter = evaluate(c, frame, at, fewer);
        if (shorter.holds()) {
          r = shorter;
          break;
        }
      }
      if (r.holds()) {
        String span = r.free().isEmpty() ? "over"
            : r.free().size() == 1 ? "at " + r.ev().instances + (r.ev().instances == 1 ? " stage" : " stages") + " of"
            : "at " + r.ev().instances + " settings of " + String.join(" and ", r.free()) + " in";
        return List.of(Finding.at(at, Severity.NOTE, "confirmed: " + describe(c) + ", evaluated on random weights " + span
            + " a " + r.steps() + "-stage network."));
      }
      readings.add(r);
    }
    // Of the readings that could be compared value by value, the one the author most likely meant.
    Reading failed = readings.stream().filter(r -> r.verdict().isEmpty() && !r.frame().ascending())
        .reduce((a, b) -> mentionsNewest(c) ? b : a).orElse(readings.get(0));
    Optional<Finding> mislabelled = failed.verdict().filter(f -> f.severity() != Severity.ERROR).isPresent() ? Optional.empty()
        : MislabelledGradient.of(c, cell, notation, failed.frame(), failed.world(), at);
    if (mislabelled.isPresent()) {
      return List.of(mislabelled.get());
    }
    if (failed.verdict().isPresent()) {
      return List.of(failed.verdict().get());
    }
    try {
      return diagnose(c, failed.frame(), failed.world(), failed.ev(), where, prose, describe(c));
    } catch (RuntimeException e) {
      return List.of(Finding.at(at, Severity.ERROR, "this is not " + describe(c) + ": on random weights the two sides "
          + "differ (relative difference " + String.format(Locale.ROOT, "%.1e", failed.ev().worst) + ")."));
    }
  }

  /**
   * One way of reading a claim's times, evaluated; or the one finding that ends it (a warning when it
   * could not be evaluated, an error when the sides' shapes differ).
   */
  private record Reading(StageFrame frame, int steps, List<String> free, NumericWorld world, ClaimEvaluation ev,
      Optional<Finding> verdict) {
    boolean holds() {
      return verdict.isEmpty() && ev.failed.isEmpty();
    }
  }

  /**
   * How the claim's times may be read. With the loss's subscript there is one way. With the total loss
   * {@code E}, {@code t} is a stage like any other ("at every step t"), or, as in this project's own
   * lessons, the stage before the newest ({@code t+1}); a claim holds if it holds either way.
   */
  private List<StageFrame> frames(Claim c) {
    StageFrame written = new StageFrame(notation, c.loss(), definitions, base);
    List<StageFrame> out = new ArrayList<>(List.of(written));
    if (!written.anchored() && (written.free(c.lhs()).contains("t") || written.free(c.rhs()).contains("t"))) {
      out.add(new StageFrame(notation, c.loss().withTime(Time.t(1)), definitions, base));
    }
    if (hasProduct(c.lhs()) || hasProduct(c.rhs())) {
      // Read last, and never the reading a failure is reported in: the chain rule's order comes first.
      out.addAll(out.stream().map(StageFrame::ascendingProducts).toList());
    }
    return out;
  }

  /** Whether {@code e}, in the cell's names, names the value {@code v} at some stage. */
  private boolean names(Expr e, String v) {
    boolean[] found = {false};
    Rewrite.bottomUp(notation.toCell(e), x -> {
      if (x instanceof Expr.Symbol s && s.name().equals(v) && s.time().isPresent()) {
        found[0] = true;
      }
      return x;
    });
    return found[0];
  }

  /** Whether a \prod is written anywhere in {@code e}. */
  static boolean hasProduct(Expr e) {
    if (e instanceof Expr.Apply a && a.function().equals("prod") && a.arguments().size() == 3) {
      return true;
    }
    return Subexpressions.children(e).stream().anyMatch(AdjointClaims::hasProduct);
  }

  /** Whether the claim writes {@code t+1} or later: then {@code t} is read as the lessons read it. */
  private static boolean mentionsNewest(Claim c) {
    boolean[] found = {false};
    for (Expr side : List.of(c.lhs(), c.rhs())) {
      Rewrite.bottomUp(side, x -> {
        if (x instanceof Expr.Symbol s && s.time().isPresent() && s.time().get().variable().equals("t")
            && s.time().get().offset() > 0) {
          found[0] = true;
        }
        return x;
      });
    }
    return found[0];
  }

  /** How many stages a claim is read over: {@code --steps}, the stages a sum's limits fix, or at least three. */
  private int stages(Claim c, StageFrame frame) {
    int reach = reach(c, frame);
    if (steps.isEmpty() && numbered.isPresent() && !frame.anchored()) {
      // The document numbers its stages (h_0 = 0, ..., E_3): its network has that many.
      return Math.max(reach, numbered.getAsInt());
    }
    return steps.isPresent() ? steps.getAsInt()
        : c.kind() == Kind.GRADIENT && frame.limitsFixStages(c.rhs()) ? reach : Math.max(reach, 3);
  }

  /**
   * For a weight's gradient written out without a sum, at fixed times only, the fewer stages its times
   * name (the oldest may be an initial state): such a gradient is whole for a network that short, as
   * a one-stage lesson writes it. Empty when {@code --steps} is given.
   */
  private List<Integer> fewerStages(Claim c, StageFrame frame) {
    if (steps.isPresent() || c.kind() != Kind.GRADIENT || Subexpressions.hasSeries(c.rhs()) || !frame.free(c.rhs()).isEmpty()) {
      return List.of();
    }
    if (numbered.isPresent() && (!frame.anchored() || frame.isAnchor(AbsoluteTimes.NUMBER)) && (AbsoluteTimes.any(c.lhs()) || AbsoluteTimes.any(c.rhs()))) {
      // The document numbers its stages (s_0 given, E_3 the last loss) and the claim writes those numbers:
      // its network is that long, and a shorter one would make s_1 the initial state the text says s_0 is.
      return List.of();
    }
    int reach = reach(c, frame);
    return java.util.stream.IntStream.of(reach - 1, reach).filter(n -> n >= 1 && n < stages(c, frame)).boxed().toList();
  }

  private static int reach(Claim c, StageFrame frame) {
    return Math.max(frame.reach(c.lhs()).orElse(1), frame.reach(c.rhs()).orElse(1));
  }

  private Reading evaluate(Claim c, StageFrame frame, Position at, int n) {
    List<String> free = new ArrayList<>(frame.free(c.lhs()));
    frame.free(c.rhs()).stream().filter(v -> !free.contains(v)).forEach(free::add);
    if (n > EngineTerms.MAX_STEPS) {
      return warning(frame, n, free, "not checked: this claim needs " + n + " stages; verify checks claims over at most "
          + EngineTerms.MAX_STEPS + ".", at);
    }
    if (free.size() > 2) {
      return warning(frame, n, free, "not checked: the claim has " + free.size() + " free time variables ("
          + String.join(", ", free) + "); verify sets at most two of them to each stage.", at);
    }
    // The loss is the total when the author wrote it without a subscript, whichever way t is read.
    LossKind loss = c.loss().time().isPresent() ? LossKind.LAST : LossKind.TOTAL;
    NumericWorld world;
    try {
      world = worlds.computeIfAbsent(n + "/" + loss, k -> new NumericWorld(cell, n, loss, calculus));
    } catch (IllegalArgumentException e) {
      return warning(frame, n, free, "not checked: " + sentence(e.getMessage()), at);
    }
    ClaimEvaluation ev = new ClaimEvaluation(c, frame, world, free);
    try {
      ev.run();
    } catch (ClaimEvaluation.ShapeMismatch e) {
      return new Reading(frame, n, free, world, ev, Optional.of(Finding.at(at, Severity.ERROR, "this is not "
          + describe(c) + ": " + sentence(e.getMessage()))));
    } catch (RuntimeException e) {
      // Whatever else a formula holds (a function the evaluator lacks, a name the cell lacks) ends as a warning.
      return warning(frame, n, free, "could not evaluate this claim on random weights: " + sentence(e.getMessage()), at);
    }
    if (ev.instances == 0) {
      return warning(frame, n, free, "not checked: no stage of a " + n + "-stage network has every value this formula "
          + "names.", at);
    }
    return new Reading(frame, n, free, world, ev, Optional.empty());
  }

  private static Reading warning(StageFrame frame, int n, List<String> free, String message, Position at) {
    return new Reading(frame, n, free, null, null, Optional.of(Finding.at(at, Severity.WARNING, message)));
  }

  private List<Finding> diagnose(Claim c, StageFrame frame, NumericWorld world, ClaimEvaluation ev,
      Function<Expr, Position> where, String prose, String what) {
    Position at = where.apply(c.lhs());
    Map<String, Time> first = ev.failed.get(0);
    Optional<Repairs.Repair> repair = new Repairs(c, frame, world, ev).find();
    if (c.kind() == Kind.JACOBIAN) {
      String how = ev.transposedAgrees ? "it is the transpose of " + what + " (a transpose): the Jacobian's rows belong to "
          + WrittenTex.of(c.target()) : DiagonalJacobian.of(c, ev, cell, notation).or(() -> repair.map(Repairs.Repair::what)).orElse("");
      String message = "this is not " + what + ": on random weights the two sides differ (relative difference "
          + String.format(Locale.ROOT, "%.1e", ev.worst) + (first.isEmpty() ? "" : ", " + stages(first, frame, world)) + ")"
          + (how.isEmpty() ? "." : "; " + how + ".");
      return List.of(repair.filter(r -> !ev.transposedAgrees)
          .map(r -> Finding.at(at, Severity.ERROR, message + " It holds as:", Repairs.tex(r.rhs(), notation)))
          .orElse(Finding.at(at, Severity.ERROR, message)));
    }
    String right = WrittenTex.correction(EngineAnswer.to(c, frame, world, first), notation);
    right = c.kind() == Kind.GRADIENT ? AbsoluteTimes.spell(right) : right; // a sum over every stage: 1 to T
    if ((c.kind() == Kind.ADJOINT || c.kind() == Kind.STEP) && ownChainOnly(c, frame, world, ev)) {
      String state = WrittenTex.of(new Expr.Symbol(notation.spell(c.target().name()), Optional.empty(), Expr.Role.STATE));
      if (ONE_PATH.matcher(prose).find()) {
        return List.of(Finding.at(at, Severity.NOTE, "confirmed: the share of " + what + " along the own path of "
            + state + " only, as the prose says; the whole of it adds the routes through the other values."));
      }
      return List.of(Finding.at(at, Severity.ERROR, "this is only the share of " + what + " along the own path of "
          + state + ownGate(c) + ": the routes through the other values of the cell are missing terms; if that is meant,"
          + " say so in the text before it (\"along its own path only\"); the whole of it is:", right));
    }
    if (c.kind() == Kind.STEP && !ev.transposedAgrees) {
      Optional<List<Expr>> missing = MissingTerms.of(c, frame, world, ev);
      if (missing.isPresent()) {
        List<String> tex = missing.get().stream().map(e -> WrittenTex.correction(e, notation)).toList();
        return List.of(Finding.at(at, Severity.ERROR, "this is not " + what + ": " + (tex.size() == 1 ? "a missing term, "
            : tex.size() + " missing terms, ") + String.join(" and ", tex) + " (the engine's Jacobian has every path from "
            + WrittenTex.of(new Expr.Symbol(notation.spell(c.target().name()), c.target().time().map(t -> t.plus(-1)),
            Expr.Role.STATE)) + "); the engine's equation is:", right));
      }
    }
    if (c.kind() == Kind.STEP && ev.transposedAgrees) {
      return List.of(Finding.at(at, Severity.ERROR, "this is the transpose of " + what + ": the Jacobian's rows belong to "
          + WrittenTex.of(c.target()) + "; write the left side transposed or transpose the right side.", right));
    }
    List<Finding> terms = c.kind() == Kind.ADJOINT && (c.rhs() instanceof Expr.Sum || rhsTerms(world, c, frame, first) > 1)
        ? new TermMatch(c, frame, world, first, notation, where).findings() : List.of();
    List<String> free = new ArrayList<>(frame.free(c.lhs()));
    frame.free(c.rhs()).stream().filter(v -> !free.contains(v)).forEach(free::add);
    String slip = WrongFactor.of(c, frame, world, free, notation).map(w -> ": " + w)
        .or(() -> terms.isEmpty() ? DroppedTerms.of(c, frame, world, ev, notation).map(t -> ": a missing term, " + t)
            : Optional.empty())
        .orElseGet(() -> termKinds(terms));
    List<Finding> out = new ArrayList<>();
    out.add(Finding.at(at, Severity.ERROR, "this is not " + what + ": on random weights the two sides differ (relative "
        + "difference " + String.format(Locale.ROOT, "%.1e", ev.worst) + (first.isEmpty() ? "" : ", " + stages(first, frame, world))
        + ")" + elementwiseSoftmax(c) + repair.map(r -> "; " + r.what()).orElse(slip) + "; the engine's equation is:", right));
    out.addAll(terms);
    return out;
  }

  /**
   * ", through the forget gate alone" when the state's own path is an elementwise product with one
   * sigmoid gate (the LSTM's cell state, {@code c_t = f_t \odot c_{t-1} + ...}), in the author's name for it.
   */
  private String ownGate(Claim c) {
    return cell.equationFor(c.target().name()).map(e -> e.definition() instanceof Expr.Sum s ? s.terms() : List.of(e.definition()))
        .flatMap(terms -> terms.stream().filter(t -> t instanceof Expr.Hadamard h && (isOwn(h.right(), c) || isOwn(h.left(), c)))
        .map(t -> (Expr.Hadamard) t).map(h -> isOwn(h.right(), c) ? h.left() : h.right())
        .filter(g -> g instanceof Expr.Symbol s && cell.equationFor(s.name()).map(e -> e.definition() instanceof Expr.Apply a
            && a.function().equals("sigmoid")).orElse(false)).findFirst())
        .map(g -> ", through the forget gate " + WrittenTex.of(new Expr.Symbol(notation.spell(((Expr.Symbol) g).name()),
            c.target().time(), Expr.Role.INTERMEDIATE)) + " alone").orElse("");
  }

  private static boolean isOwn(Expr e, Claim c) {
    return e instanceof Expr.Symbol s && s.name().equals(c.target().name()) && s.time().isPresent() && s.time().get().offset() == -1;
  }

  /** What the term-by-term match found, in a word: ": a missing term", ": an extra term" (or both), else nothing. */
  private static String termKinds(List<Finding> terms) {
    boolean missing = terms.stream().anyMatch(f -> f.message().startsWith("a term is missing"));
    boolean extra = terms.stream().anyMatch(f -> f.message().endsWith("is not in the engine's equation."));
    return missing && extra ? ": a missing term and an extra term" : missing ? ": a missing term" : extra
        ? ": an extra term" : "";
  }

  /** {@code \partial E_{t+1}/\partial c_k}, the thing claimed, as the author wrote it. */
  private static String describe(Claim c) {
    return WrittenTex.of(c.lhs() instanceof Expr.Transpose t ? t.operand() : c.lhs())
        + (c.transposed() ? "^{\\top}" : "");
  }

  /**
   * Where a failure was seen, in the author's variables: {@code k = t-1} when the loss's subscript
   * names the stages, else by position ({@code t at stage 2 of 3, counted from the oldest}).
   */
  private static String stages(Map<String, Time> values, StageFrame frame, NumericWorld world) {
    List<String> parts = new ArrayList<>();
    values.forEach((v, t) -> {
      if (frame.anchored() && !frame.isAnchor(v)) {
        Expr at = frame.author(new Expr.Symbol("x", Optional.of(t), Expr.Role.STATE));
        parts.add("at " + v + " = " + ((Expr.Symbol) at).time().orElseThrow().spelled());
      } else {
        parts.add("with " + v + " at stage " + (t.offset() - world.graph().first().offset() + 1) + " of "
            + world.graph().steps() + ", counted from the oldest");
      }
    });
    return String.join(", ", parts);
  }

  /** How many terms the engine's equation for the claim's value has at one reading. */
  private static int rhsTerms(NumericWorld world, Claim c, StageFrame frame, Map<String, Time> values) {
    Expr.Symbol target = (Expr.Symbol) frame.engine(c.target(), values, world.graph().first(), world.graph().last());
    return world.system().adjoint(world.node(target.name(), target.time().orElseThrow()))
        .map(a -> a.routes().size()).orElse(0);
  }

  /** Whether the written side equals, at every stage read, the share along the target state's own path. */
  private boolean ownChainOnly(Claim c, StageFrame frame, NumericWorld world, ClaimEvaluation ev) {
    boolean state = cell.declaration(c.target().name()).map(d -> d.kind() == Declaration.Kind.STATE).orElse(false);
    if (!state) {
      return false;
    }
    try {
      for (Map.Entry<Map<String, Time>, RealMatrix> e : ev.written.entrySet()) {
        Time stage = frame.engine(c.target(), e.getKey(), world.graph().first(), world.graph().last()) instanceof Expr.Symbol s
            ? s.time().orElseThrow() : null;
        RealMatrix own;
        if (c.kind() == Kind.STEP) {
          RealMatrix column = world.evaluate(world.paths().step(world.graph(), c.target().name(), stage,
              StatePaths.Family.OWN_CHAIN));
          own = c.transposed() ? column : column.transpose();
        } else {
          own = world.evaluate(world.paths().along(world.system(), c.target().name(), stage));
        }
        if (ClaimEvaluation.difference(e.getValue(), own) > TOLERANCE) {
          return false;
        }
      }
      return !ev.written.isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String sentence(String message) {
    String m = message == null ? "it could not be evaluated" : message;
    return m.endsWith(".") ? m : m + ".";
  }

  /** A value of the cell at a stage, not its loss: one side of a Jacobian. */
  private boolean isValue(Expr.Symbol s) {
    return s.time().isPresent() && !s.name().equals(cell.loss())
        && (cell.equationFor(s.name()).isPresent() || cell.declaration(s.name()).isPresent());
  }

  private boolean isParameter(String name) {
    return cell.declaration(name).map(d -> d.kind() == Declaration.Kind.PARAM).orElse(false);
  }
}
