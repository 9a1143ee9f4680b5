package dev.unroll.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparisons of one claim's written terms with the engine's terms, each computed at most once.
 * A written term is compared only with the engine terms whose end is within one stage of its own
 * (the term through stage k ends with s_{k-1}), or with all of them when its end says nothing; this
 * keeps a sum of N terms at O(N) alignments instead of O(N^2).
 */
final class Comparisons {
  private final TermJudge judge;
  private final List<WrittenTerm> written;
  private final List<EngineTerms.Expected> expected;
  private final Map<Long, TermJudge.Comparison> done = new HashMap<>();

  Comparisons(TermJudge judge, List<WrittenTerm> written, List<EngineTerms.Expected> expected) {
    this.judge = judge;
    this.written = written;
    this.expected = expected;
  }

  TermJudge.Comparison get(int w, int e) {
    return done.computeIfAbsent((long) w * expected.size() + e, k -> judge.compare(written.get(w), expected.get(e)));
  }

  /** The engine terms worth comparing written term {@code w} with, in order. */
  List<Integer> candidates(int w) {
    WrittenTerm t = written.get(w);
    List<Integer> out = new ArrayList<>();
    if (t.end().isPresent()) {
      for (int e = 0; e < expected.size(); e++) {
        if (expected.get(e).end().isPresent() && expected.get(e).end().get().sameFactor(t.end().get())) {
          for (int near = Math.max(0, e - 1); near <= Math.min(expected.size() - 1, e + 1); near++) {
            if (!out.contains(near)) {
              out.add(near);
            }
          }
        }
      }
    }
    if (out.isEmpty()) {
      for (int e = 0; e < expected.size(); e++) {
        out.add(e);
      }
    }
    out.sort(null);
    return out;
  }

  /** The engine term closest to written term {@code w} (the first of equally close ones). */
  int nearest(int w) {
    int best = -1;
    for (int e : candidates(w)) {
      if (best < 0 || get(w, e).cost() < get(w, best).cost()) {
        best = e;
      }
    }
    return best;
  }
}
