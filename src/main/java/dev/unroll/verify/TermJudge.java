package dev.unroll.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares one written term with one engine term, factor by factor: aligns the two lists of
 * {@link Link}s (after expanding a written partial that spans several engine factors, such as
 * {@code \partial E / \partial q}) with the fewest edits, and names each edit: a missing factor (a
 * dropped activation derivative), an extra one, a wrong time index, a wrong matrix, a wrong end.
 */
final class TermJudge {
  private static final int GAP = 2;
  private static final int IMPOSSIBLE = 1_000_000;

  /** One difference; {@code offset} is where in the span it shows, {@code -1} if nowhere in particular. */
  record Difference(int offset, String message) {}

  /** The cost of the best alignment and the differences it implies. */
  record Comparison(int cost, List<Difference> differences) {}

  private final Describer describe;

  TermJudge(Describer describe) {
    this.describe = describe;
  }

  /** How links are named in messages, in the author's notation. */
  interface Describer {
    String link(Link link);
  }

  Comparison compare(WrittenTerm written, EngineTerms.Expected expected) {
    List<Link> w = expand(written.links(), expected.links());
    List<Link> e = expected.links();
    int n = w.size();
    int m = e.size();
    int[][] cost = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= m; j++) {
        if (i == 0 && j == 0) {
          continue;
        }
        int best = IMPOSSIBLE;
        if (i > 0 && j > 0) {
          best = Math.min(best, cost[i - 1][j - 1] + substitution(w.get(i - 1), e.get(j - 1)));
        }
        if (i > 0) {
          best = Math.min(best, cost[i - 1][j] + GAP);
        }
        if (j > 0) {
          best = Math.min(best, cost[i][j - 1] + GAP);
        }
        cost[i][j] = best;
      }
    }
    List<Difference> diffs = new ArrayList<>();
    int i = n;
    int j = m;
    List<Difference> reversed = new ArrayList<>();
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1] + substitution(w.get(i - 1), e.get(j - 1))) {
        Link a = w.get(i - 1);
        Link b = e.get(j - 1);
        if (!a.sameFactor(b)) {
          boolean time = a.kind() == Link.Kind.PARTIAL || a.kind() == Link.Kind.VECTOR;
          reversed.add(new Difference(a.offset(), (time ? "wrong time index: " : "wrong matrix: ")
              + describe.link(a) + " where the derivation has " + describe.link(b) + "."));
        }
        i--;
        j--;
      } else if (j > 0 && cost[i][j] == cost[i][j - 1] + GAP) {
        Link b = e.get(j - 1);
        int at = i < n ? w.get(i).offset() : (n > 0 ? w.get(n - 1).offset() : written.offset());
        reversed.add(new Difference(at, b.isActivation()
            ? "dropped the activation derivative " + describe.link(b) + "."
            : "missing factor " + describe.link(b) + "."));
        j--;
      } else {
        Link a = w.get(i - 1);
        reversed.add(new Difference(a.offset(), "extra factor " + describe.link(a) + "."));
        i--;
      }
    }
    for (int k = reversed.size() - 1; k >= 0; k--) {
      diffs.add(reversed.get(k));
    }
    int total = cost[n][m];
    for (int k = 0; k < w.size(); k++) {
      Link l = w.get(k);
      if (l.kind() == Link.Kind.PARTIAL && l.transposed()) {
        int last = k;
        while (last + 1 < w.size() && w.get(last + 1).offset() == l.offset() && !w.get(last + 1).transposed()) {
          last++;
        }
        Link whole = Link.partial(l.from(), w.get(last).to(), l.offset());
        total += 1;
        diffs.add(new Difference(l.offset(), "upside-down partial: the chain needs " + describe.link(whole)
            + ", the later value's derivative with respect to the earlier one."));
      }
    }
    Optional<Link> end = written.end();
    if (expected.end().isPresent()) {
      Link want = expected.end().get();
      if (end.isEmpty()) {
        total += GAP;
        diffs.add(new Difference(-1, "the term does not end with the gate's other input " + describe.link(want) + "."));
      } else if (!end.get().sameFactor(want)) {
        total += end.get().sameVariables(want) ? 1 : GAP;
        diffs.add(new Difference(end.get().offset(), "wrong time index: the term ends with " + describe.link(end.get())
            + " where the derivation has " + describe.link(want) + "."));
      }
    } else if (end.isPresent()) {
      total += GAP;
      diffs.add(new Difference(end.get().offset(), "extra factor " + describe.link(end.get()) + "."));
    }
    return new Comparison(total, diffs);
  }

  private static int substitution(Link a, Link b) {
    if (a.sameFactor(b)) {
      return 0;
    }
    if (a.sameVariables(b)) {
      return 1;
    }
    return IMPOSSIBLE;
  }

  /** Replaces a written partial that is a run of several engine factors by that run. */
  static List<Link> expand(List<Link> written, List<Link> engine) {
    List<Link> out = new ArrayList<>();
    for (Link w : written) {
      if (w.kind() != Link.Kind.PARTIAL || engine.stream().anyMatch(w::sameFactor)) {
        out.add(w);
        continue;
      }
      List<Link> run = run(w, engine);
      if (!run.isEmpty()) {
        run.forEach(r -> out.add(r.at(w.offset())));
        continue;
      }
      // Written upside down (\partial s_{t-1} / \partial s_t for \partial s_t / \partial s_{t-1}): take the
      // run it should have been, its first link flagged (a partial's transposed flag) to be reported once.
      List<Link> reversed = run(Link.partial(w.to(), w.from(), w.offset()), engine);
      if (reversed.isEmpty()) {
        out.add(w);
      } else {
        for (int i = 0; i < reversed.size(); i++) {
          Link r = reversed.get(i);
          out.add(new Link(r.kind(), r.from(), r.to(), r.name(), i == 0, w.offset()));
        }
      }
    }
    return out;
  }

  private static List<Link> run(Link w, List<Link> engine) {
    for (int i = 0; i < engine.size(); i++) {
      String from = engine.get(i).kind() == Link.Kind.PARTIAL ? engine.get(i).from() : engine.get(i).from();
      if (!from.equals(w.from())) {
        continue;
      }
      for (int j = i; j < engine.size(); j++) {
        if (engine.get(j).to().equals(w.to())) {
          return engine.subList(i, j + 1);
        }
      }
    }
    return List.of();
  }
}
