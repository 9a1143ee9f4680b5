package dev.unroll.verify;

import dev.unroll.derive.LossKind;
import dev.unroll.expr.Expr;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what a lesson says about the gradient while it walks: a displayed chain with no equals sign
 * ({@code dE/do . do/dq . V}) is the gradient so far. It must be the start of one of the engine's
 * terms, and where the prose just before it says the gradient "flows through" a value, that value
 * must be where the chain has arrived: after {@code ... ds_{t+1}/dz_{t+1} . W} the gradient is at
 * {@code s_t}, not {@code s_{t+1}}.
 */
final class GradientSoFar {
  private static final Pattern FLOWS = Pattern.compile(
      "flows?\\s+(?:back\\s+)?(?:through|into|to(?:wards)?)\\s+([A-Za-z]+_\\{[^}]{1,12}\\}|[A-Za-z]+_[A-Za-z0-9])");

  private final Notation notation;
  private final EngineTerms engine;

  GradientSoFar(Notation notation, EngineTerms engine) {
    this.notation = notation;
    this.engine = engine;
  }

  /** A chain written alone: its first factor is a partial of a loss at a stage. */
  static boolean isChain(Expr e) {
    return e instanceof Expr.Product p && p.style() == Expr.ProductStyle.CHAIN
        && p.factors().get(0) instanceof Expr.Partial first && first.of() instanceof Expr.Symbol loss
        && loss.time().isPresent();
  }

  /**
   * Judges one chain. {@code prose} is the text between the previous displayed formula and this one
   * (display mathematics blanked, inline mathematics kept), {@code proseStart} its offset in the segment.
   *
   * @return the finding about the "flows through" claim, if the prose makes one
   */
  Optional<Finding> judge(MathSpan span, ParsedMath parsed, Expr chain, String prose, int proseStart, int steps) {
    Expr.Symbol loss = (Expr.Symbol) ((Expr.Partial) ((Expr.Product) chain).factors().get(0)).of();
    int shift = 1 - loss.time().get().offset();
    WrittenTerm w = new TermReader(notation, shift, parsed).read(chain, 0);
    if (w.end().isPresent()) {
      return Optional.empty();
    }
    Matcher m = FLOWS.matcher(prose);
    int at = -1;
    String value = null;
    while (m.find()) {
      at = m.start(1);
      value = m.group(1);
    }
    if (value == null) {
      return Optional.empty();
    }
    Optional<String> arrived = arrival(w, steps);
    Position where = span.segment().position(proseStart + at);
    if (arrived.isEmpty()) {
      return Optional.of(Finding.at(where, Severity.WARNING, "could not match structure: the chain below is not the "
          + "start of any term of the derivation over " + steps + " stages, so where it flows was not checked."));
    }
    Optional<String> claimed = key(value, shift);
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    String right = spell(arrived.get(), shift);
    if (claimed.get().equals(arrived.get())) {
      return Optional.of(Finding.at(where, Severity.NOTE, "confirmed: the chain below is the gradient at " + right + "."));
    }
    return Optional.of(Finding.at(where, Severity.ERROR, "the chain below is the gradient at " + right + ", not at "
        + spell(claimed.get(), shift) + ": it has passed " + passed(w) + ".", right));
  }

  /** The value the written chain has reached, if it is the start of an engine term. */
  private Optional<String> arrival(WrittenTerm w, int steps) {
    for (EngineTerms.Expected e : engine.terms("W", LossKind.LAST, steps)) {
      List<Link> expanded = TermJudge.expand(w.links(), e.links());
      if (expanded.size() > e.links().size()) {
        continue;
      }
      boolean prefix = true;
      for (int i = 0; i < expanded.size() && prefix; i++) {
        prefix = expanded.get(i).sameFactor(e.links().get(i));
      }
      if (prefix && !expanded.isEmpty()) {
        return Optional.of(e.links().get(expanded.size() - 1).to());
      }
    }
    return Optional.empty();
  }

  private static String passed(WrittenTerm w) {
    Link last = w.links().get(w.links().size() - 1);
    return last.kind() == Link.Kind.MATRIX ? "the multiplication by " + last.name()
        : "the gate of " + Link.variable(last.from());
  }

  private Optional<String> key(String tex, int shift) {
    try {
      List<Statement> s = new TexParser().parse(tex).statements();
      if (s.size() == 1 && s.get(0).sides().get(0) instanceof Expr.Symbol sym && sym.time().isPresent()) {
        String v = notation.variable(sym.name()).orElse(sym.name());
        return Optional.of(Link.key(v, sym.time().get().plus(shift).spelled()));
      }
    } catch (TexSyntaxException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private String spell(String key, int shift) {
    String time = Link.time(key);
    String v = ClaimJudge.braced(notation.spell(Link.variable(key)));
    if (!time.startsWith("t")) {
      return v;
    }
    int offset = time.length() == 1 ? 0 : Integer.parseInt(time.substring(1).replace("+", ""));
    return v + "_{" + new dev.unroll.expr.Time("t", offset - shift).spelled() + "}";
  }
}
