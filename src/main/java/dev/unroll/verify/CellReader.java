package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellFormatException;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.CellParser;
import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a gated network (an LSTM, a GRU in any of its conventions, or any cell whose state passes
 * through elementwise products, more than one recurrence, or one stacked weight applied to
 * {@code [h_{t-1}, x_t]}) from the document's own forward equations, and builds the cell definition
 * they define: the text of a {@code .cell} file written from the equations and parsed by
 * {@link CellParser}, so the model and its shape check are those of a user's cell. Whatever the names
 * ({@code W_f, U_f}, {@code W_{xf}, W_{hf}}, {@code U^f, W^f}, bold capitals, {@code h^{(t)}}), each
 * of the author's symbols maps to a variable of that cell; a GRU whose update gate keeps the old
 * state, or whose reset gate acts after the recurrent product, is simply another cell.
 *
 * <p>Row vectors as code writes them ({@code x_t U + h_{t-1} W}) are read as the transpose of the
 * column form: the author's weight is the cell's transposed, and the {@link Notation} evaluates every
 * claim transposed ({@link Notation#rows()}). A stacked weight's two blocks become two parameters of
 * the cell; the stacked name itself stays unmapped, so claims about it are not judged. The output
 * layer is the cell's when it is a softmax ({@code \hat y_t = softmax(V h_t + c)}); a linear readout
 * is not the engine's, so the cell gets a softmax head of its own that no author's name maps to, and
 * claims that stay inside the recurrence hold whatever loss sits on top.
 */
final class CellReader {
  private static final Set<String> LOSSES = Set.of("E", "L", "J", "\\ell", "l");
  private static final Map<String, String> FUNCTIONS = Map.of("sigma", "sigmoid", "\\sigma", "sigmoid",
      "sigmoid", "sigmoid", "sigma_g", "sigmoid", "tanh", "tanh", "sigma_c", "tanh", "sigma_h", "tanh", "relu", "relu",
      "ReLU", "relu");

  private final String prose;
  private String time;
  private boolean rows;
  private boolean star;
  private final Set<String> stacked = new LinkedHashSet<>();
  /** Each stacked weight's blocks, in the order of the vectors it is applied to. */
  private final Map<String, List<String>> blocks = new LinkedHashMap<>();

  private CellReader(String prose) {
    this.prose = prose;
  }

  /** One forward equation: its statement, the author's target, its right side in column form. */
  private record Forward(Statement statement, Expr.Symbol target, Expr rhs) {}

  /**
   * The network the displayed forward equations define, when it is not the simple recurrent network
   * {@link NetworkReader} reads; {@code inline} statements may name the output layer and the loss.
   */
  static Optional<NetworkReader.Network> read(List<Statement> display, List<Statement> inline, String prose) {
    try {
      return new CellReader(prose).build(display, inline);
    } catch (CellFormatException | IllegalArgumentException | IllegalStateException e) {
      return Optional.empty(); // not a network this reader can build: the built-in notations are tried instead
    }
  }

  private Optional<NetworkReader.Network> build(List<Statement> display, List<Statement> inline) {
    Map<String, Forward> forward = new LinkedHashMap<>();
    for (Statement s : display) {
      Optional<Expr.Symbol> target = target(s);
      if (target.isPresent() && !forward.containsKey(target.get().name())) {
        if (time == null) {
          time = target.get().time().get().variable();
        } else if (!time.equals(target.get().time().get().variable())) {
          continue;
        }
        forward.put(target.get().name(), new Forward(s, target.get(), normal(last(s))));
      }
    }
    if (time != null) {
      // a^i_t named in the text as the argument of gate i's activation: a value of its own
      Map<String, Expr> rhs = new LinkedHashMap<>();
      forward.forEach((n, f) -> rhs.put(n, f.rhs()));
      List<Statement> all = new ArrayList<>(display);
      all.addAll(inline);
      for (GateArguments.Argument a : GateArguments.named(rhs, time, all)) {
        Forward g = forward.get(a.gate());
        forward.put(a.name(), new Forward(g.statement(), new Expr.Symbol(a.name(), g.target().time(), Expr.Role.INTERMEDIATE),
            a.argument()));
        forward.put(a.gate(), new Forward(g.statement(), g.target(), a.gateRhs()));
      }
    }
    Set<String> states = new LinkedHashSet<>();
    for (String name : forward.keySet()) {
      if (forward.values().stream().anyMatch(f -> NetworkReader.mentions(f.rhs(), name, -1))) {
        states.add(name);
      }
    }
    if (states.isEmpty()) {
      return Optional.empty();
    }
    Set<String> core = new LinkedHashSet<>(states);
    for (boolean grew = true; grew; ) {
      grew = false;
      for (String name : forward.keySet()) {
        if (!core.contains(name) && core.stream().anyMatch(c -> NetworkReader.mentions(forward.get(c).rhs(), name, 0))) {
          grew = core.add(name);
        }
      }
    }
    boolean gated = states.size() > 1 || !stacked.isEmpty()
        || core.stream().anyMatch(c -> Subexpressions.hasHadamard(forward.get(c).rhs()));
    // A simple recurrent network whose pre-activation is named apart with a bias (the Deep Learning book's
    // a^{(t)} = b + W h^{(t-1)} + U x^{(t)}, h^{(t)} = tanh(a^{(t)})) is a cell of its own too: the bias is part of
    // it, where the built-in rnn cell has none (without one, z_t = U x_t + W s_{t-1} is the lesson's own cell).
    if (!gated && core.size() == states.size()) {
      return Optional.empty();
    }
    // the state the others read most at t-1 is the one the output layer reads (h of the LSTM, not c)
    String hidden = states.stream().max(java.util.Comparator.comparingLong((String s) -> core.stream()
        .filter(c -> NetworkReader.mentions(forward.get(c).rhs(), s, -1)).count())).orElseThrow();
    Set<String> inputs = new LinkedHashSet<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    for (String c : core) {
      scan(forward.get(c).rhs(), forward.keySet(), inputs, kinds, "H");
    }
    if (inputs.size() != 1) {
      throw new IllegalArgumentException("one input per stage, got " + inputs);
    }
    String input = inputs.iterator().next();
    if (!gated && kinds.values().stream().allMatch(shape -> shape.contains(" x "))) {
      return Optional.empty();
    }

    Names names = new Names();
    Map<String, String> spelling = new LinkedHashMap<>();
    Map<Statement, String> definitions = new IdentityHashMap<>();
    for (String c : core) {
      spelling.put(c, names.id(c));
      definitions.putIfAbsent(forward.get(c).statement(), "the " + (states.contains(c) ? "state " : "value ")
          + WrittenTex.of(forward.get(c).target()));
    }
    spelling.put(input, names.id(input));
    kinds.keySet().forEach(p -> spelling.put(p, names.id(p)));

    // the output layer: \hat y_t = softmax(V h_t + c), or logits o_t = V h_t + c with \hat y_t = softmax(o_t)
    List<Statement> all = new ArrayList<>(display);
    all.addAll(inline);
    String logits = null;
    String probabilities = null;
    Expr readout = null;
    for (Statement s : all) {
      Optional<Expr.Symbol> t = target(s);
      if (t.isEmpty() || core.contains(t.get().name()) || t.get().name().equals(input)) {
        continue;
      }
      Expr rhs = last(s);
      if (rhs instanceof Expr.Apply a && a.function().equals("softmax") && a.arguments().size() == 1) {
        Expr arg = a.arguments().get(0);
        if (arg instanceof Expr.Symbol q && logits != null && q.name().equals(logits)) {
          probabilities = t.get().name();
          break;
        }
        Expr inner = normal(arg);
        if (NetworkReader.mentions(inner, hidden, 0)) {
          readout = inner;
          probabilities = t.get().name();
          break;
        }
      } else if (logits == null && readout == null && NetworkReader.mentions(rhs, hidden, 0)) {
        Expr inner = normal(rhs);
        if (NetworkReader.mentions(inner, hidden, 0)) {
          readout = inner;
          logits = t.get().name();
        }
      }
    }
    Map<String, String> outputKinds = new LinkedHashMap<>();
    String target = null;
    if (probabilities != null && readout != null) {
      Set<String> none = new LinkedHashSet<>();
      scan(readout, Set.of(hidden), none, outputKinds, "K");
      if (!none.isEmpty() || outputKinds.keySet().stream().anyMatch(kinds::containsKey)) {
        throw new IllegalArgumentException("the readout reads more than the state");
      }
      outputKinds.keySet().forEach(p -> spelling.put(p, names.id(p)));
      if (logits != null) {
        spelling.put(logits, names.id(logits));
      }
      spelling.put(probabilities, names.id(probabilities));
      if (!forward.containsKey("y") && !input.equals("y")) {
        target = "y";
        spelling.put(target, names.id(target));
      }
    } else {
      readout = null; // a linear readout: the engine's softmax head stands in, unnamed by the author
      logits = null;
      probabilities = null;
    }
    if (!gated && probabilities == null) {
      return Optional.empty(); // a biased RNN under a linear readout: the built-in notations read it, as before
    }
    String loss = loss(all, forward.keySet()).orElse(null);
    if (loss != null && probabilities != null) {
      spelling.put(loss, names.id(loss));
    }
    String lossId = loss != null && probabilities != null ? spelling.get(loss) : names.fresh("E");
    String targetId = target != null ? spelling.get(target) : names.fresh("y");
    String logitsId = logits != null ? spelling.get(logits) : names.fresh("q");
    String probId = probabilities != null ? spelling.get(probabilities) : names.fresh("p");
    String readoutId = names.fresh("V");

    StringBuilder text = new StringBuilder("cell document \"The network the document defines\"\n");
    text.append("input ").append(spelling.get(input)).append(" : D\n");
    states.forEach(s -> text.append("state ").append(spelling.get(s)).append(" : H\n"));
    text.append("target ").append(targetId).append(" : K\n");
    kinds.forEach((p, shape) -> text.append("param ").append(spelling.get(p)).append(" : ").append(shape).append('\n'));
    if (readout == null) {
      text.append("param ").append(readoutId).append(" : K x H\n");
    } else {
      outputKinds.forEach((p, shape) -> text.append("param ").append(spelling.get(p)).append(" : ").append(shape).append('\n'));
    }
    text.append("loss ").append(lossId).append('\n');
    for (String c : order(core, forward)) {
      text.append(spelling.get(c)).append("_t = ").append(CellText.of(forward.get(c).rhs(), spelling, time)).append('\n');
    }
    String head = readout == null ? readoutId + " " + spelling.get(hidden) + "_t" : CellText.of(readout, spelling, time);
    text.append(logitsId).append("_t = ").append(head).append('\n');
    text.append(probId).append("_t = softmax(").append(logitsId).append("_t)\n");
    text.append(lossId).append("_t = crossentropy(").append(probId).append("_t, ").append(targetId).append("_t)\n");
    CellDefinition cell = new CellParser(CellLibrary.builtInActivations()).parse("the document's equations", text.toString());
    if (loss != null && probabilities == null) {
      // the author's loss is not the engine's cross-entropy, but every claim inside the recurrence holds for any loss
      spelling.put(loss, lossId);
    } else if (loss == null) {
      spelling.put(lossId, lossId);
    }
    stacked.forEach(spelling::remove);
    // the blocks of a stacked weight, named where the text names them: W = [W_h  W_x]
    for (Statement st : all) {
      if (st.isEquation() && st.sides().get(0) instanceof Expr.Symbol w && blocks.containsKey(w.name())
          && last(st) instanceof Expr.Product p && p.factors().size() == blocks.get(w.name()).size()
          && p.factors().stream().allMatch(f -> f instanceof Expr.Symbol b && b.time().isEmpty() && !spelling.containsKey(b.name()))) {
        for (int i = 0; i < p.factors().size(); i++) {
          spelling.put(((Expr.Symbol) p.factors().get(i)).name(), names.id(blocks.get(w.name()).get(i)));
        }
      }
    }
    return Optional.of(new NetworkReader.Network(new Notation(Notation.DOCUMENT, cell.name(), spelling, rows, star), "tanh",
        definitions, Optional.of(cell)));
  }

  /** The target of a forward equation: a symbol at the stage's own time, defined by an expression without derivatives. */
  private static Optional<Expr.Symbol> target(Statement s) {
    if (s.isEquation() && s.sides().get(0) instanceof Expr.Symbol l && l.time().isPresent()
        && l.time().get().offset() == 0 && !l.name().startsWith("\\") && !l.name().startsWith("bar_")
        && !l.name().contains("delta") && !FormulaFacts.hasPartial(last(s))) {
      return Optional.of(l);
    }
    return Optional.empty();
  }

  private static Expr last(Statement s) {
    return s.sides().get(s.sides().size() - 1);
  }

  /**
   * A right side in column form over the author's names: {@code W_i} and {@code b^f} are parameters, a
   * named activation is the cell's, a product of vectors ({@code o_t * \tanh(C_t)}) is elementwise, a
   * row product {@code x_t U} is {@code U x_t}, a stacked weight is split into its blocks.
   */
  private Expr normal(Expr e) {
    if (e instanceof Expr.Symbol s) {
      if (s.time().isPresent() && time != null && !s.time().get().variable().equals(time) && s.time().get().offset() == 0) {
        return Expr.Symbol.param(s.name() + "_" + s.time().get().variable());
      }
      return s;
    }
    if (e instanceof Expr.Apply a && a.function().equals("pow") && a.arguments().size() == 2
        && a.arguments().get(0) instanceof Expr.Symbol b && b.time().isEmpty()
        && a.arguments().get(1) instanceof Expr.Symbol f && f.time().isEmpty()) {
      return Expr.Symbol.param(b.name() + "_" + f.name());
    }
    if (e instanceof Expr.Apply a && a.arguments().size() == 1 && !a.function().equals("softmax")) {
      String f = FUNCTIONS.get(a.function());
      if (f == null) {
        f = NetworkReader.activation(a.function(), prose);
      }
      if (f == null) {
        throw new IllegalArgumentException("no activation " + a.function());
      }
      return new Expr.Apply(f, List.of(normal(a.arguments().get(0))));
    }
    if (e instanceof Expr.Product p) {
      List<Expr> f = p.factors().stream().map(this::normal).toList();
      if (f.size() == 2 && isMatrix(f.get(0)) && f.get(1) instanceof Expr.Apply c && c.function().equals("concat")) {
        return blocks((Expr.Symbol) f.get(0), c.arguments());
      }
      if (f.size() == 3 && isMatrix(f.get(0)) && f.get(1) instanceof Expr.Symbol && f.get(2) instanceof Expr.Symbol
          && isVector(f.get(1)) && isVector(f.get(2))) {
        return blocks((Expr.Symbol) f.get(0), f.subList(1, 3));
      }
      if (f.size() == 2 && isMatrix(f.get(0)) && isVector(f.get(1))) {
        return Expr.juxtapose(f);
      }
      if (f.size() == 2 && isVector(f.get(0)) && isMatrix(f.get(1))) {
        rows = true;
        return Expr.juxtapose(List.of(f.get(1), f.get(0)));
      }
      if (f.stream().allMatch(CellReader::isVector)) {
        star |= p.style() == Expr.ProductStyle.CHAIN;
        Expr out = f.get(0);
        for (int i = 1; i < f.size(); i++) {
          out = new Expr.Hadamard(out, f.get(i));
        }
        return out;
      }
      return Expr.juxtapose(f);
    }
    return dev.unroll.expr.Rewrite.children(e, this::normal);
  }

  /** {@code W [h_{t-1}, x_t]} as {@code W[h] h_{t-1} + W[x] x_t}: the stacked weight's blocks. */
  private Expr blocks(Expr.Symbol weight, List<Expr> parts) {
    stacked.add(weight.name());
    List<Expr> terms = new ArrayList<>();
    for (Expr part : parts) {
      if (!(part instanceof Expr.Symbol v) || v.time().isEmpty()) {
        throw new IllegalArgumentException("a stacked vector of more than values");
      }
      String block = weight.name() + "[" + v.name() + "]";
      if (!blocks.computeIfAbsent(weight.name(), w -> new ArrayList<>()).contains(block)) {
        blocks.get(weight.name()).add(block);
      }
      terms.add(Expr.juxtapose(List.of(Expr.Symbol.param(block), v)));
    }
    return Expr.sum(terms);
  }

  private static boolean isMatrix(Expr e) {
    return e instanceof Expr.Symbol s && s.time().isEmpty() && !s.name().startsWith("\\");
  }

  private static boolean isVector(Expr e) {
    if (e instanceof Expr.Symbol s) {
      return s.time().isPresent();
    }
    return !(e instanceof Expr.Num) && Subexpressions.children(e).stream().anyMatch(CellReader::isVector);
  }

  /**
   * The inputs (values at a time no equation defines) and the parameters of one right side, each
   * parameter with its shape: a matrix has as many rows as {@code rows} and as many columns as what it
   * multiplies ({@code D} for the input), a bias is a vector.
   */
  private static void scan(Expr e, Set<String> defined, Set<String> inputs, Map<String, String> kinds, String rows) {
    if (e instanceof Expr.Symbol s) {
      if (s.time().isPresent() && !defined.contains(s.name())) {
        if (s.time().get().offset() != 0) {
          throw new IllegalArgumentException("an input at another stage: " + s.name());
        }
        inputs.add(s.name());
      } else if (s.time().isEmpty()) {
        put(kinds, s.name(), rows);
      }
      return;
    }
    if (e instanceof Expr.Num) {
      return;
    }
    if (e instanceof Expr.Product p && p.factors().size() == 2 && p.factors().get(0) instanceof Expr.Symbol m
        && m.time().isEmpty()) {
      Expr v = p.factors().get(1);
      boolean input = v instanceof Expr.Symbol x && x.time().isPresent() && !defined.contains(x.name());
      put(kinds, m.name(), rows + " x " + (input ? "D" : "H"));
      scan(v, defined, inputs, kinds, rows);
      return;
    }
    if (e instanceof Expr.Sum || e instanceof Expr.Hadamard || e instanceof Expr.Negate
        || e instanceof Expr.Apply a && a.arguments().size() == 1 && !a.function().equals("softmax")) {
      Subexpressions.children(e).forEach(c -> scan(c, defined, inputs, kinds, rows));
      return;
    }
    throw new IllegalArgumentException("a forward equation holds " + WrittenTex.of(e));
  }

  private static void put(Map<String, String> kinds, String name, String shape) {
    String was = kinds.putIfAbsent(name, shape);
    if (was != null && !was.equals(shape)) {
      throw new IllegalArgumentException(name + " has two shapes");
    }
  }

  /** The core's equations in an order that computes each value after the values of the same stage it reads. */
  private static List<String> order(Set<String> core, Map<String, Forward> forward) {
    List<String> out = new ArrayList<>();
    Set<String> left = new LinkedHashSet<>(core);
    while (!left.isEmpty()) {
      String next = left.stream().filter(c -> left.stream().noneMatch(o -> !o.equals(c)
          && NetworkReader.mentions(forward.get(c).rhs(), o, 0))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("the forward equations read each other at one stage"));
      out.add(next);
      left.remove(next);
    }
    return out;
  }

  /** The name the author differentiates as the loss: a numerator of a partial that is no value of the network. */
  private static Optional<String> loss(List<Statement> statements, Set<String> values) {
    for (Statement s : statements) {
      for (Expr side : s.sides()) {
        Optional<String> l = lossIn(side, values);
        if (l.isPresent()) {
          return l;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> lossIn(Expr e, Set<String> values) {
    if (e instanceof Expr.Partial p && p.of() instanceof Expr.Symbol l && !values.contains(l.name())
        && (LOSSES.contains(l.name()) || l.name().startsWith("\\mathcal"))) {
      return Optional.of(l.name());
    }
    for (Expr c : Subexpressions.children(e)) {
      Optional<String> l = lossIn(c, values);
      if (l.isPresent()) {
        return l;
      }
    }
    return Optional.empty();
  }

  /** The cell's identifiers: each author's name made a plain identifier, distinct from every other. */
  private static final class Names {
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();

    String id(String author) {
      return ids.computeIfAbsent(author, a -> fresh(a.replaceAll("[^A-Za-z0-9]", "")));
    }

    String fresh(String wanted) {
      String base = wanted.isEmpty() || !Character.isLetter(wanted.charAt(0)) ? "v" + wanted : wanted;
      String id = base;
      for (int i = 2; used.contains(id); i++) {
        id = base + i;
      }
      used.add(id);
      return id;
    }
  }
}
