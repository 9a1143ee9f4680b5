package dev.unroll.verify;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects, while {@link Verifier} works, what became of each math span, and at the end gives every
 * span exactly one {@link Outcome}: wrong when a finding of severity error lies inside it, confirmed
 * when a claim in it was judged and held, otherwise not judged with the reason (the reason given, the
 * first warning inside the span, or the span's own default). Claims the prose makes in words are
 * outcomes of their own.
 */
final class Outcomes {
  private record Entry(MathSpan span, String fallback) {}

  private final List<Entry> spans = new ArrayList<>();
  private final Map<MathSpan, Boolean> judged = new IdentityHashMap<>();
  private final Map<MathSpan, String> reasons = new IdentityHashMap<>();
  private final Map<MathSpan, String> unmapped = new IdentityHashMap<>();
  private final List<Outcome> prose = new ArrayList<>();

  /** A span found in the file, with the reason it is not judged if nothing else is said of it. */
  void span(MathSpan span, String fallback) {
    spans.add(new Entry(span, fallback));
  }

  /** A claim in {@code span} was judged; {@code holds} whether it held. */
  void judged(MathSpan span, boolean holds) {
    judged.merge(span, holds, Boolean::logicalAnd);
  }

  /**
   * {@code span} was judged in the document's own network: that verdict replaces any other judge's,
   * and its names are all the network's.
   */
  void decided(MathSpan span, boolean holds) {
    judged.put(span, holds);
    unmapped.remove(span);
    reasons.remove(span);
  }

  /** Why {@code span} is not judged, when the verifier knows better than the span's default. */
  void notJudged(MathSpan span, String reason) {
    reasons.putIfAbsent(span, reason);
  }

  /**
   * {@code span} names a symbol the notation cannot map: not confirmed, whatever matched (a claim is
   * only confirmed when every name in it is the network's), unless something in it is wrong.
   */
  void unmapped(MathSpan span, String reason) {
    unmapped.putIfAbsent(span, reason);
  }

  /** Every span judged false is not judged after all, for {@code reason}: the network judged is not the document's. */
  void withdrawWrong(String reason) {
    for (MathSpan s : new ArrayList<>(judged.keySet())) {
      if (!judged.get(s)) {
        judged.remove(s);
        reasons.put(s, reason);
      }
    }
  }

  /** A claim the prose makes in words, judged or not. */
  void prose(Position at, Optional<String> place, String words, Optional<Boolean> holds, String reason) {
    Outcome.Verdict v = holds.map(h -> h ? Outcome.Verdict.CONFIRMED : Outcome.Verdict.WRONG)
        .orElse(Outcome.Verdict.NOT_JUDGED);
    prose.add(new Outcome(at.line(), at.column(), place, words, v, reason));
  }

  /** Every span's outcome and every prose claim's, in file order; {@code findings} already placed. */
  List<Outcome> outcomes(List<Finding> findings, Document document) {
    List<Outcome> out = new ArrayList<>();
    for (Entry e : spans) {
      MathSpan s = e.span();
      Position from = s.opening();
      Position to = s.position(s.tex().length());
      List<Finding> inside = findings.stream().filter(f -> within(f, from, to)).toList();
      Optional<Finding> error = inside.stream().filter(f -> f.severity() == Severity.ERROR).findFirst();
      Optional<Finding> warning = inside.stream().filter(f -> f.severity() == Severity.WARNING).findFirst();
      Outcome.Verdict v;
      String reason;
      // A judge may place its error on a name in the prose before the formula it judged (the chain
      // below "the gradient that flows through $s_{t+1}$"): only the judged span is wrong.
      if (Boolean.FALSE.equals(judged.get(s)) || error.isPresent() && judged.containsKey(s)) {
        v = Outcome.Verdict.WRONG;
        reason = error.or(() -> findings.stream().filter(f -> f.severity() == Severity.ERROR && !after(f, to)
            && !within(f, from, to)).reduce((a, b) -> b)).map(Finding::message).orElse("a claim in it does not hold.");
      } else if (unmapped.containsKey(s)) {
        v = Outcome.Verdict.NOT_JUDGED;
        reason = unmapped.get(s);
      } else if (Boolean.TRUE.equals(judged.get(s))) {
        v = Outcome.Verdict.CONFIRMED;
        reason = inside.stream().filter(f -> f.severity() == Severity.NOTE && CONFIRMING.matcher(f.message()).find())
            .map(Finding::message).findFirst().orElse("it holds.");
      } else {
        v = Outcome.Verdict.NOT_JUDGED;
        reason = Optional.ofNullable(reasons.get(s)).or(() -> warning.map(Finding::message)).orElse(e.fallback());
      }
      out.add(new Outcome(from.line(), from.column(), s.segment().place(from), excerpt(s.tex()), v, reason));
    }
    out.addAll(prose);
    out.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
    return out;
  }

  private static final java.util.regex.Pattern CONFIRMING =
      java.util.regex.Pattern.compile("^confirmed|match|agree|holds");

  private static boolean after(Finding f, Position p) {
    return f.line() > p.line() || f.line() == p.line() && f.column() > p.column();
  }

  private static boolean within(Finding f, Position from, Position to) {
    boolean after = f.line() > from.line() || f.line() == from.line() && f.column() >= from.column();
    boolean before = f.line() < to.line() || f.line() == to.line() && f.column() <= to.column();
    return after && before;
  }

  /** The span's TeX on one line, whole: a report renders it (grade's pages typeset it with KaTeX). */
  static String excerpt(String tex) {
    return tex.strip().replaceAll("\\s+", " ");
  }
}
