package dev.unroll.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every piece of mathematics of a document, found and read, before anything is judged: each span
 * parsed (or, a display starting with {@code =}, read as continuing the one before:
 * {@link ContinuedDisplay}), each segment's prose kept for what it says of the formulas, and what
 * could not be read reported where reading gave up.
 */
final class DocumentMath {
  /** A segment's prose: the text around its mathematics. */
  record ProseAt(Segment segment, String text) {}

  /** The spans read, in the document's order, and the prose of every segment. */
  record Reading(List<Verifier.Read> reads, List<ProseAt> prose) {}

  /** A formula of the running text that is only an operator's name ("$\odot$ is the elementwise product"). */
  private static final Pattern LONE_OPERATOR = Pattern.compile("\\\\[a-zA-Z]+|[-+*/=<>^_.,]");

  private DocumentMath() {}

  /** Reads the document's mathematics, adding what could not be read to {@code findings} and each span's outcome. */
  static Reading read(Document document, List<Finding> findings, Outcomes outcomes) {
    List<Verifier.Read> reads = new ArrayList<>();
    List<ProseAt> prose = new ArrayList<>();
    MathExtractor extractor = new MathExtractor();
    for (Segment segment : document.segments()) {
      MathExtractor.Result r = extractor.extract(segment, document.markdown());
      for (int open : r.unclosed()) {
        findings.add(Finding.at(segment.position(open), Severity.WARNING,
            "this mathematics is never closed; it runs to the end of the " + (document.kind() == Document.Kind.NOTEBOOK ? "cell." : "file.")));
      }
      int proseFrom = 0;
      for (MathSpan span : r.spans()) {
        Optional<ParsedMath> parsed = parse(span, reads, findings, outcomes);
        if (parsed.isPresent()) {
          reads.add(new Verifier.Read(span, parsed.get(), r.prose(), proseFrom));
          outcomes.span(span, unjudgedReason(span, parsed.get()));
          findings.addAll(span.misplacedEnvironments(document.markdown()));
        }
        if (span.display()) {
          proseFrom = span.end();
        }
      }
      prose.add(new ProseAt(segment, r.prose()));
    }
    return new Reading(reads, prose);
  }

  /** The span read; empty, with its outcome given, when it states nothing or cannot be read. */
  private static Optional<ParsedMath> parse(MathSpan span, List<Verifier.Read> before, List<Finding> findings,
      Outcomes outcomes) {
    try {
      return Optional.of(new TexParser().parse(span.tex()));
    } catch (TexSyntaxException e) {
      // "$$= \sum_t ...$$" after "$$\frac{\partial L}{\partial V} = ...$$": the same left side, continued
      Optional<ParsedMath> continued = ContinuedDisplay.read(span,
          before.isEmpty() ? Optional.empty() : Optional.of(before.get(before.size() - 1)));
      if (continued.isPresent()) {
        return continued;
      }
      if (!span.display() && LONE_OPERATOR.matcher(span.tex().strip()).matches()) {
        outcomes.span(span, "names an operator in the prose; states nothing to judge.");
      } else {
        outcomes.span(span, "could not read this formula: " + e.getMessage() + ".");
        findings.add(Finding.at(span.position(e.offset()), Severity.WARNING, "could not read this formula: "
            + e.getMessage() + "; it is not judged."));
      }
      return Optional.empty();
    }
  }

  /** Why a span that nothing is said of is not judged, from what it is. */
  private static String unjudgedReason(MathSpan span, ParsedMath parsed) {
    List<Statement> st = parsed.statements();
    if (st.isEmpty()) {
      return "empty: states nothing to judge.";
    }
    if (st.stream().noneMatch(s -> s.sides().size() >= 2)) {
      return "names a symbol or an expression; states nothing to judge.";
    }
    if (st.stream().allMatch(Statement::inequality)) {
      return "an inequality that is not a bound on an activation's derivative; not judged.";
    }
    if (!span.display()) {
      return "an equation in the running text: only displayed equations are judged.";
    }
    return "an equation whose left side is none of the network's values, gradients, deltas or Jacobians; not judged.";
  }
}
