package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Expr;
import dev.unroll.verify.Verifier.Read;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The network one section of a document is judged in, and its judges; {@code from} is its first read.
 * The network is the one the section's forward equations define (displayed, or only in the running
 * text), else the built-in notation its names fit best, with the activation, the stage numbers and the
 * names the section gives to gradients.
 */
record Section(int from, Optional<NetworkReader.Network> defined, Notation notation, boolean rnn,
    String activation, CellDefinition cell, NetworkCheck network, EngineTerms engine, AdjointClaims adjointClaims,
    List<StageFrame.Definition> names, Set<String> defines, boolean bars, JacobianClaims jacobians) {
  /**
   * The network of one section: the one its forward equations define (the preamble's inline mathematics
   * may name the output and the loss), else the built-in notation its names fit best.
   */
  static Section of(Verifier.Options options, int from, List<Read> part, List<Read> preamble, List<Notation> spellings,
      String allProse, String rawText) {
    List<Statement> display = part.stream().filter(r -> r.span().display()).flatMap(r -> r.parsed().statements().stream()).toList();
    List<Statement> inline = java.util.stream.Stream.concat(preamble.stream(), part.stream()).filter(r -> !r.span().display())
        .flatMap(r -> r.parsed().statements().stream()).toList();
    Optional<NetworkReader.Network> read = options.notation().isPresent() || options.cell().filter(c -> !c.equals("rnn"))
        .isPresent() ? Optional.empty() : NetworkReader.read(display, allProse)
        .or(() -> options.cell().isPresent() ? Optional.empty() : CellReader.read(display, inline, allProse))
        // no displayed forward equation: the network written in the running text ("recall $h_t = \tanh(...)$")
        .or(() -> options.cell().isPresent() || inline.isEmpty() ? Optional.empty()
            : NetworkReader.read(java.util.stream.Stream.concat(display.stream(), inline.stream()).toList(), allProse));
    Optional<NetworkReader.Network> defined = read.filter(n -> n.cell().isEmpty() || !oneSlipFrom(n, detect(part, spellings)));
    Notation notation = options.notation().or(() -> defined.map(NetworkReader.Network::notation))
        .orElseGet(() -> detect(part, spellings));
    boolean rnn = notation.cell().equals("rnn");
    String activation = defined.map(NetworkReader.Network::activation).orElse("tanh");
    boolean activationGuessed = rnn && defined.isEmpty();
    for (Read r : part.stream().filter(x -> defined.isEmpty()).toList()) {
      for (Statement s : r.parsed().statements()) {
        if (rnn && s.isEquation()) {
          Optional<String> a = NetworkCheck.activationOf(notation, s.sides().get(0), s.sides().get(1));
          if (a.isPresent()) {
            activation = a.get();
            activationGuessed = false;
          }
        }
      }
    }
    String chosen = activation;
    CellDefinition cell = defined.flatMap(NetworkReader.Network::cell)
        .orElseGet(() -> rnn ? EngineTerms.rnn(chosen) : new CellLibrary().load(notation.cell()));
    EngineTerms engine = new EngineTerms(cell);
    List<Read> named = new ArrayList<>(preamble);
    named.addAll(part);
    boolean bars = BarNotation.declared(rawText);
    List<StageFrame.Definition> definitions = definitions(named, notation).stream()
        .filter(d -> !bars || !d.name().name().startsWith("bar_")).toList();
    // Stage numbers the section writes (E_3, h_0 = 0, \sum_{t=1}^{4}): where they start and how many.
    List<Expr> sides = named.stream().flatMap(r -> r.parsed().statements().stream()).flatMap(x -> x.sides().stream()).toList();
    OptionalInt last = AbsoluteTimes.last(sides, notation, named.stream().flatMap(r -> r.parsed().statements().stream()).toList());
    OptionalInt first = last.isPresent() ? OptionalInt.of(AbsoluteTimes.base(sides, notation, v -> cell.declaration(v)
        .map(d -> d.kind() == dev.unroll.cell.Declaration.Kind.STATE).orElse(false))) : OptionalInt.empty();
    AdjointClaims adjointClaims = new AdjointClaims(notation, cell, engine.calculus(), options.steps(), definitions, first,
        last.isPresent() && last.getAsInt() >= first.getAsInt() ? OptionalInt.of(last.getAsInt() - first.getAsInt() + 1)
        : OptionalInt.empty(), new Redefinitions(notation, cell).in(named.stream().filter(r -> !r.span().display())
        .flatMap(r -> r.parsed().statements().stream()).toList()), activationGuessed ? activation : "");
    List<StageFrame.Definition> names = named.stream().filter(r -> !r.span().display())
        .flatMap(r -> r.parsed().statements().stream()).filter(s -> s.isEquation() && s.sides().get(0) instanceof Expr.Symbol n
            && n.time().isPresent() && notation.resolve(n).isEmpty() && isAdjoint(s.sides().get(1)))
        .map(s -> new StageFrame.Definition((Expr.Symbol) s.sides().get(0), s.sides().get(1))).toList();
    Set<String> defines = new java.util.TreeSet<>();
    definitions.forEach(d -> defines.add(d.name().name()));
    if (bars) {
      // \bar{a} is the loss's gradient by a: known wherever a is
      notation.spelling().keySet().forEach(n -> defines.add("bar_" + n));
    }
    return new Section(from, defined, notation, rnn, activation, cell, new NetworkCheck(notation, cell), engine, adjointClaims,
        names, defines, bars, new JacobianClaims(notation, cell, engine.calculus(), options.steps()));
  }

  /**
   * Whether the network read is a built-in gated cell with one slip: every forward equation names a
   * value of that cell and all but one are its equations. The author then means the built-in cell, and
   * the slip is said as such ("cannot map this equation") rather than becoming the network.
   */
  private static boolean oneSlipFrom(NetworkReader.Network read, Notation builtIn) {
    if (builtIn.cell().equals("rnn") || read.definitions().size() < 3) {
      return false; // too few equations to say the author meant a built-in gated cell
    }
    CellDefinition cell = new CellLibrary().load(builtIn.cell());
    NetworkCheck check = new NetworkCheck(builtIn, cell);
    int slips = 0;
    for (Statement s : read.definitions().keySet()) {
      Expr lhs = s.sides().get(0);
      Optional<dev.unroll.cell.Equation> eq = check.equationFor(lhs);
      if (eq.isEmpty()) {
        return false;
      }
      slips += check.mismatch(lhs, s.sides().get(s.sides().size() - 1), eq.get()).isPresent() ? 1 : 0;
    }
    return slips == 1;
  }

  /**
   * The names the file defines in displayed equations: a left-hand side with a time that is none of
   * the cell's values ({@code \delta_k = ...}).
   */
  private static List<StageFrame.Definition> definitions(List<Read> reads, Notation notation) {
    List<StageFrame.Definition> out = new ArrayList<>();
    List<StageFrame.Definition> inline = new ArrayList<>();
    for (Read r : reads) {
      for (Statement s : r.parsed().statements()) {
        Expr.Symbol name = s.isEquation() && s.sides().get(0) instanceof Expr.Symbol n
            ? AbsoluteTimes.numberedName(n).filter(x -> notation.resolve(x.withTime(dev.unroll.expr.Time.t(0))).isEmpty())
            .orElse(n) : null;
        if (name != null && name.time().isPresent() && notation.resolve(name).isEmpty()) {
          // delta_t = dL/dh_t = ...: a side that is the loss's derivative says what the name means; else the last side.
          Expr value = s.sides().subList(1, s.sides().size()).stream().filter(x -> x instanceof Expr.Partial)
              .findFirst().orElse(s.sides().get(s.sides().size() - 1));
          (r.span().display() ? out : inline).add(new StageFrame.Definition(name, value));
        }
      }
    }
    // A name given in the running text ("we write $\delta_t = \partial L/\partial h_t$") is its meaning, ahead of
    // a displayed recursion for it; any other name the text gives counts where nothing displayed defines it.
    List<StageFrame.Definition> all = new ArrayList<>(inline.stream().filter(d -> isAdjoint(d.value())).toList());
    all.addAll(out);
    inline.stream().filter(d -> !isAdjoint(d.value()))
        .filter(d -> out.stream().noneMatch(o -> o.name().name().equals(d.name().name()))).forEach(all::add);
    return all;
  }

  /** {@code \partial L/\partial h_t}: a loss's gradient by one value at a time. */
  private static boolean isAdjoint(Expr e) {
    return e instanceof Expr.Partial p && p.of() instanceof Expr.Symbol && p.by() instanceof Expr.Symbol b && b.time().isPresent();
  }

  /** The notation the file's mathematics is written in, of the candidates ({@link Notation#guess}). */
  private static Notation detect(List<Read> reads, List<Notation> candidates) {
    List<Expr> sides = new ArrayList<>();
    for (Read r : reads) {
      for (Statement s : r.parsed().statements()) {
        sides.addAll(s.sides());
      }
    }
    return Notation.guess(sides, candidates);
  }
}
