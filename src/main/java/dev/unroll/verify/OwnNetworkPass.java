package dev.unroll.verify;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The last of {@link Verifier}'s passes: judges again, in the network the document's own equations
 * define ({@link AuthorClaims}), what that network can evaluate, and lets its verdict replace the other
 * judges' findings in those spans. When both find a span false, the finding that says why it is false
 * is kept: the engine judges' diagnosis (a missing term, a softmax taken elementwise) says more than a
 * difference of values, unless only this judge names one, or only this judge's also writes the right equation.
 */
final class OwnNetworkPass {
  /** The words a false claim's finding uses to say what is wrong with it, beyond that the sides differ. */
  private static final Pattern DIAGNOSIS = Pattern.compile("missing term|extra term|transpose|elementwise|off by one"
      + "|wrong stage|power|wrong delta|forget gate|left side|wrong factor|this term is wrong|terms? (is|are) missing");

  /** The words of a diagnosis that is about matrices and vectors. */
  private static final Pattern SHAPES = Pattern.compile("transpose|elementwise|matrix|diagonal|[0-9] x [0-9]");

  private OwnNetworkPass() {}

  /**
   * @param all every statement of the document, for reading its network
   * @param displayed the displayed statements, the claims this pass may judge
   * @param prose the document's running text
   */
  static void apply(List<Statement> all, List<AuthorClaims.Item> displayed, String prose, List<Finding> findings,
      Outcomes outcomes) {
    List<AuthorClaims.Decision> decisions = AuthorClaims.of(all, displayed, prose);
    Map<MathSpan, Boolean> verdicts = new IdentityHashMap<>();
    decisions.forEach(d -> verdicts.merge(d.span(), d.holds(), Boolean::logicalAnd));
    Map<MathSpan, List<Finding>> before = new IdentityHashMap<>();
    for (MathSpan span : verdicts.keySet()) {
      Position from = span.opening();
      Position to = span.position(span.tex().length());
      List<Finding> in = findings.stream().filter(f -> inside(f, from, to)).toList();
      before.put(span, in);
      findings.removeAll(in);
    }
    for (AuthorClaims.Decision d : decisions) {
      // in a network of one unit a diagnosis about shapes (a transpose, a Jacobian taken elementwise) is never the reason
      List<Finding> errors = before.get(d.span()).stream().filter(f -> f.severity() == Severity.ERROR)
          .filter(f -> !d.scalar() || !SHAPES.matcher(f.message()).find()).toList();
      // both say why: the one that also writes the right equation is kept
      boolean othersSayWhy = errors.stream().anyMatch(OwnNetworkPass::diagnosed) && (d.finding().correction().isEmpty()
          || errors.stream().anyMatch(f -> f.correction().isPresent())) || !diagnosed(d.finding());
      if (!verdicts.get(d.span()) && !errors.isEmpty() && othersSayWhy) {
        errors.stream().filter(f -> !findings.contains(f)).forEach(findings::add);
      } else if (!findings.contains(d.finding())) {
        findings.add(d.finding());
      }
    }
    verdicts.forEach(outcomes::decided);
  }

  private static boolean diagnosed(Finding f) {
    return DIAGNOSIS.matcher(f.message()).find();
  }

  private static boolean inside(Finding f, Position from, Position to) {
    boolean after = f.line() > from.line() || f.line() == from.line() && f.column() >= from.column();
    boolean before = f.line() < to.line() || f.line() == to.line() && f.column() <= to.column();
    return after && before;
  }
}
