package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Factor;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Term;
import dev.unroll.derive.Terminal;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Unroller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's side of a comparison: the derivation of one loss with respect to one parameter of the
 * simple recurrent network over N stages, each term read into {@link Link}s in chain order (a
 * {@code Local} factor is a partial, a {@code Through} factor its matrix, an {@code OtherInput} end the
 * vector). Derivations are cached per configuration for one run.
 */
final class EngineTerms {
  /** The most stages a claim is checked for; more is reported rather than derived. */
  static final int MAX_STEPS = 60;

  /** One engine term: its links, its end, and the term itself for rendering. */
  record Expected(Term term, List<Link> links, Optional<Link> end) {}

  private final CellDefinition cell;
  private final Map<String, List<Expected>> cache = new LinkedHashMap<>();
  private final dev.unroll.derive.Forms forms;

  private final dev.unroll.derive.LocalCalculus calculus;

  EngineTerms(CellDefinition cell) {
    this.cell = cell;
    // The local derivatives of a correction are the engine's (Symja's, remembered in the answer cache).
    this.calculus = new dev.unroll.symbolic.CachedCalculus(dev.unroll.symbolic.AnswerCache.standard(), cell.activations(),
        () -> new dev.unroll.symbolic.SymjaCalculus(cell.activations()));
    this.forms = new dev.unroll.derive.Forms(calculus);
  }

  /** The simple recurrent network with its activation placeholder bound. */
  static CellDefinition rnn(String activation) {
    CellDefinition rnn = new CellLibrary().load("rnn");
    return activation.equals("tanh") ? rnn : rnn.withPlaceholder("f", activation);
  }

  /** The local derivatives every judge of this run shares (one Symja at most, started on demand). */
  dev.unroll.derive.LocalCalculus calculus() {
    return calculus;
  }

  /** The engine's notations, for writing the right form of a term. */
  dev.unroll.derive.Forms forms() {
    return forms;
  }

  String activation() {
    return cell.placeholders().get("f");
  }

  List<Expected> terms(String parameter, LossKind loss, int steps) {
    return cache.computeIfAbsent(parameter + "/" + loss + "/" + steps, k -> derive(parameter, loss, steps));
  }

  private List<Expected> derive(String parameter, LossKind loss, int steps) {
    Derivation d = new Differentiator().derive(new Unroller().unroll(cell, steps), parameter, loss);
    List<Expected> out = new ArrayList<>();
    for (Term t : d.terms()) {
      List<Link> links = new ArrayList<>();
      String previous = key(t.loss());
      for (Factor f : t.factors()) {
        if (f instanceof Factor.Local l) {
          links.add(Link.partial(key(l.output()), key(l.input()), -1));
          previous = key(l.input());
        } else if (f instanceof Factor.Through th) {
          String to = key(th.gate().input(1));
          links.add(new Link(Link.Kind.MATRIX, previous, to, th.matrix().name().orElseThrow().name(), false, -1));
          previous = to;
        } else {
          links.add(Link.unknown(f.getClass().getSimpleName(), -1));
        }
      }
      Optional<Link> end = t.end() instanceof Terminal.OtherInput o
          ? Optional.of(Link.vector(key(o.vector()), true, -1)) : Optional.empty();
      out.add(new Expected(t, links, end));
    }
    return out;
  }

  /** {@code s@t-1} for a named node; an unnamed node by its id. */
  static String key(Node n) {
    return n.name().map(s -> Link.key(s.name(), s.time().map(x -> x.spelled()).orElse(""))).orElse("#" + n.id());
  }
}
